// Prints the figures the resilience specs recorded (.cache/resilience/*.json) as one table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('.cache', 'resilience');
const columns = [
  ['scenario', 'scenario'],
  ['requests', 'requests'],
  ['status5xx', '5xx'],
  ['connectionErrors', 'conn errors'],
  ['lostWrites', 'lost'],
  ['duplicatedWrites', 'duplicated'],
  ['recoveryMs', 'recovery ms'],
  ['fuzzCases', 'fuzz cases'],
  ['accessCells', 'access cells'],
  ['secretsFound', 'secrets found'],
  ['note', 'note'],
];
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
if (files.length === 0) {
  console.error('resilience report: no figures were recorded');
  process.exit(1);
}
const rows = files.flatMap((file) => {
  const { section, rows: sectionRows } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return sectionRows.map((row) => ({ ...row, scenario: `${section}: ${row.scenario}` }));
});
const cell = (value) => (value === undefined || value === null ? '' : String(value));
console.log(`\n| ${columns.map(([, title]) => title).join(' | ')} |`);
console.log(`| ${columns.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${columns.map(([key]) => cell(row[key])).join(' | ')} |`);
console.log(`\n${rows.length} rows from ${files.length} specs, ${new Date().toISOString()}, node ${process.version}`);
