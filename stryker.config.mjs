// @ts-check
/**
 * Mutation testing of the modules where a silent regression is a security or reliability
 * incident. Run it through `npm run test:mutation` (scripts/mutation.mjs), which runs one
 * module at a time and reports a score per module; docs/development.md has the scores and
 * the survivors. Each mutant runs only the tests that covered its code in the dry run.
 */
import { modules, runStaticMutants } from './scripts/mutation-modules.mjs';

const module = process.env.MUTATION_MODULE ?? '';
const files = process.env.MUTATION_FILES;
const reports = `reports/mutation/${module || 'all'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: [
    ...(files ? files.split(',') : (modules[module] ?? Object.values(modules).flat())),
    '!**/*.spec.ts',
    '!**/*-spec.ts',
  ],
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.mjs', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // Jest's bail stops a run at the first failure without running afterAll, leaving the e2e specs'
  // servers open: the run then never ends and every killed mutant shows up as a timeout.
  disableBail: true,
  // A mutant in code that runs once at import time (a top-level constant) would need every
  // test run again; the few there are reported as ignored instead, except in the modules whose
  // specs build their subject at import time (scripts/mutation-modules.mjs says why).
  ignoreStatic: !runStaticMutants.includes(module),
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The machine's two cores are shared.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  // Generous: under load an e2e spec that boots an app can take long, and a false timeout would count as a kill.
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 20,
  incrementalFile: `test/mutation/${module || 'all'}.incremental.json`,
  ignorePatterns: ['dist', 'coverage', 'data', '.cache', 'reports', 'charts-out-vendor', '.stryker-tmp'],
  // event-recorder writes each mutant's result as it is found (reports/mutation/<module>/events/):
  // the survivors of a run that takes hours can be read, and killed, while it goes on.
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'event-recorder'],
  eventReporter: { baseDir: `${reports}/events` },
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
};
