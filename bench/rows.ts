/** One line of the benchmark's closing table: what was measured, against what, and the goal. */
export interface Row {
  readonly id: string;
  readonly scenario: string;
  readonly goal: string;
  readonly measured: string;
  readonly baseline: string;
  /** Whether the goal holds; undefined when this run could not tell (no peer installed, quick mode). */
  readonly meets: boolean | undefined;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

export const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** A difference with its sign, `+12` or `−3`. */
export const signed = (value: number, digits = 0): string =>
  Number.isFinite(value) ? `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(digits)}` : 'n/a';

export function printTable(rows: readonly Row[]): void {
  const header: Row = {
    id: '#',
    scenario: 'scenario',
    goal: 'goal',
    measured: 'measured',
    baseline: 'baseline (same run)',
    meets: undefined,
  };
  const verdict = (row: Row): string =>
    row === header ? 'meets' : row.meets === undefined ? '?' : row.meets ? 'yes' : 'NO';
  const cells = (row: Row): string[] => [row.id, row.scenario, row.goal, row.measured, row.baseline, verdict(row)];
  console.log(`\n| ${cells(header).join(' | ')} |`);
  console.log(
    `| ${cells(header)
      .map(() => '---')
      .join(' | ')} |`,
  );
  for (const row of rows) console.log(`| ${cells(row).join(' | ')} |`);
}
