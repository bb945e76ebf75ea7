// @ts-check
/**
 * The Jest configuration Stryker runs for each mutant (`npm run test:mutation`).
 * Stryker's Jest runner puts its coverage-collecting test environment on the top-level
 * config only, so the tiers it runs are one flat project here: the unit specs, the e2e
 * specs on the embedded defaults (the app in-process over a real socket, which is where
 * the guards, filters and cache-aside path are exercised) and the integration specs on
 * the shared PostgreSQL and Redis (the Redis stores). The built-process e2e specs are
 * left out: they run dist/, which Stryker does not mutate.
 */
import tiers from './jest.config.js';

const { projects } = tiers;

const [unit] = projects ?? [];
if (!unit || typeof unit === 'string') throw new Error('jest.config.js: the first project must be the unit tier');
const { displayName: _unit, ...base } = unit;

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: [
    ...(unit.testMatch ?? []),
    '<rootDir>/apps/*/test/**/*.e2e-spec.ts',
    '<rootDir>/{apps,libs}/**/*.integration-spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/graceful-shutdown\\.e2e-spec\\.ts$'],
  globals: { PROJECT_TEST_TIMEOUT_MS: 30_000 },
};
