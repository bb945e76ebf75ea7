import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSPECTOR_LINE } from './full-gc';

/**
 * Figures a resilience spec reports, gathered by `scripts/resilience-report.mjs`
 * into the one table `npm run test:resilience` ends with (and docs/reliability.md keeps).
 * Each spec file writes its own file, so specs never share state.
 */
export interface FigureRow {
  /** What was exercised: a fault ("Redis killed 10 s"), a fuzz target, an access table, a log scan. */
  readonly scenario: string;
  readonly requests?: number;
  readonly status5xx?: number;
  readonly connectionErrors?: number;
  readonly lostWrites?: number;
  readonly duplicatedWrites?: number;
  /** Milliseconds from the fault's end to the first good answer. */
  readonly recoveryMs?: number;
  readonly fuzzCases?: number;
  readonly accessCells?: number;
  readonly secretsFound?: number;
  /** Anything else worth a column-free word ("/ready 503 after 1.2 s"). */
  readonly note?: string;
}

export const FIGURES_DIR = join(__dirname, '..', '..', '..', '.cache', 'resilience');

/** Writes (replaces) the figures of one spec; `section` names the file and the table's group. */
export function recordFigures(section: string, rows: readonly FigureRow[]): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${section}.json`), `${JSON.stringify({ section, rows }, null, 2)}\n`);
}

export const APP_LOGS_DIR = join(FIGURES_DIR, 'logs');

/**
 * Keeps what a started app wrote (stdout and stderr) for the log scan that ends the run
 * (no password, hash, token, API key, Authorization header or SQL parameter may appear).
 * Call it for every process a resilience spec starts, before the spec ends.
 */
export function saveAppLog(name: string, output: string): void {
  mkdirSync(APP_LOGS_DIR, { recursive: true });
  // Node's inspector lines (full-gc.ts) are the runtime's, not the app's log the scan reads.
  const appLines = output.split('\n').filter((line) => !INSPECTOR_LINE.test(line));
  writeFileSync(join(APP_LOGS_DIR, `${name}.log`), appLines.join('\n'));
}
