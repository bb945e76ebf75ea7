// `npm test`: every tier this machine can run, in order, stopping at the first
// failure, then one summary line. The services tiers (integration, and the
// e2e suites again on PostgreSQL + Redis) run when DATABASE_URL and REDIS_URL
// are set; under CI they must be set.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = join('.cache', 'jest');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const hasServices = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const embeddedEnv = { ...process.env };
delete embeddedEnv.DATABASE_URL;
delete embeddedEnv.REDIS_URL;

const steps = [
  { name: 'lint', command: ['npm', 'run', '-s', 'lint'] },
  { name: 'type check', command: ['npm', 'run', '-s', 'check'] },
  { name: 'unit', jest: 'unit' },
  {
    name: 'e2e on embedded defaults (SQLite, in-process cache)',
    jest: 'e2e',
    env: embeddedEnv,
    report: 'e2e-embedded',
  },
];
if (hasServices) {
  steps.push(
    { name: 'e2e on PostgreSQL + Redis', jest: 'e2e', report: 'e2e-services' },
    { name: 'integration (PostgreSQL + Redis)', jest: 'integration' },
  );
} else if (process.env.CI === 'true') {
  console.error('CI=true but DATABASE_URL and REDIS_URL are not both set: the services tiers cannot be skipped in CI.');
  process.exit(1);
} else {
  console.log('DATABASE_URL and REDIS_URL are not set: skipping the integration and e2e-on-services tiers.');
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const command = step.jest
    ? [
        'npx',
        'jest',
        '--selectProjects',
        step.jest,
        '--json',
        `--outputFile=${join(reports, `${step.report ?? step.jest}.json`)}`,
      ]
    : step.command;
  const env = { ...(step.env ?? process.env) };
  if (step.jest)
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim();
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env });
  if (step.jest) {
    try {
      const report = JSON.parse(readFileSync(join(reports, `${step.report ?? step.jest}.json`), 'utf8'));
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
      totals.skipped += report.numPendingTests + report.numTodoTests;
      if (report.numTotalTests === 0) {
        console.error(`${step.name}: no test ran`);
        totals.failed += 1;
      }
    } catch {
      totals.failed += 1;
    }
  }
  if (result.status !== 0) {
    console.error(`\n${step.name} failed`);
    console.log(`tests: ${totals.passed} passed, ${Math.max(totals.failed, 1)} failed, ${totals.skipped} skipped`);
    process.exit(1);
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
