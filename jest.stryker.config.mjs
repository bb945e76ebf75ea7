// @ts-check
/**
 * The Jest configuration Stryker runs for each mutant (`npm run test:mutation`).
 * Stryker's Jest runner puts its coverage-collecting test environment on the top-level
 * config only, so the tiers it runs are one flat project here: the unit specs, the e2e
 * specs on the embedded defaults (the app in-process over a real socket, which is where
 * the guards, filters and cache-aside path are exercised) and the integration specs on
 * the shared PostgreSQL and Redis (the Redis stores). The built-process e2e specs are
 * left out: they run dist/, which Stryker does not mutate. So is the k8s snapshot spec: a
 * mutant it alone notices is one `jest -u` would approve (issue #16 counts those as surviving).
 */
import tiers from './jest.config.js';
import { testScopes } from './scripts/mutation-modules.mjs';

const { projects } = tiers;

const [unit] = projects ?? [];
if (!unit || typeof unit === 'string') throw new Error('jest.config.js: the first project must be the unit tier');
const { displayName: _unit, ...base } = unit;

// A module with a test scope runs only those specs (scripts/mutation-modules.mjs says why).
const scope = testScopes[/** @type {keyof typeof testScopes} */ (process.env.MUTATION_MODULE ?? '')];

/** @param {string} path */
const escaped = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: scope
    ? scope.specs.map((glob) => `<rootDir>/${glob}`)
    : [
        ...(unit.testMatch ?? []),
        '<rootDir>/apps/*/test/**/*.e2e-spec.ts',
        '<rootDir>/{apps,libs}/**/*.integration-spec.ts',
      ],
  testPathIgnorePatterns: [
    '/node_modules/',
    '/graceful-shutdown\\.e2e-spec\\.ts$',
    '/k8s/test/charts\\.spec\\.ts$',
    ...(scope?.except ?? []).map((path) => `^<rootDir>/${escaped(path)}$`),
  ],
  globals: { PROJECT_TEST_TIMEOUT_MS: 30_000 },
};
