// @ts-check
/**
 * Three tiers, selected with --selectProjects:
 *   unit         *.spec.ts next to the code; no network, no services
 *   e2e          apps/<app>/test/*.e2e-spec.ts; the app over a real socket,
 *                on the embedded defaults or on PostgreSQL + Redis when
 *                DATABASE_URL / REDIS_URL are set
 *   integration  *.integration-spec.ts; real PostgreSQL and Redis (required)
 * Nest 12 is ESM-only: run with NODE_OPTIONS=--experimental-vm-modules (the
 * npm scripts do) and let @swc/jest compile TypeScript to CommonJS.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Every folder under libs/ is a lib reached as @app/<folder> (tsconfig.json maps the same wildcard).
const moduleNameMapper = { '^@app/([^/]+)$': '<rootDir>/libs/$1/src/index.ts' };

/** @type {import('jest').Config['projects'][number]} */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.stryker-tmp/'],
  // Jest 30 ignores `testTimeout` in a project's config (every test got the 5 s default); each project's
  // timeout reaches jest.setTimeout through `globals` instead.
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-project-timeout.ts'],
};

/** A project's test and hook timeout, applied by test/support/jest-project-timeout.ts. */
const timeout = (ms) => ({ globals: { PROJECT_TEST_TIMEOUT_MS: ms } });

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,k8s,scripts,observability,deploy}/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/scratch-tmpdir.setup.mjs',
      globalTeardown: '<rootDir>/test/support/scratch-tmpdir.teardown.mjs',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts', '<rootDir>/scripts/**/*.e2e-spec.ts'],
      ...timeout(30_000),
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
      ...timeout(30_000),
    },
    {
      // Built apps, PostgreSQL, Redis and a real Prometheus (`npm run test:observability`).
      ...base,
      displayName: 'observability',
      testMatch: ['<rootDir>/observability/test/**/*.obs-spec.ts'],
      ...timeout(120_000),
    },
    {
      // Built apps as black boxes under faults, hostile input and an access table, on their own
      // PostgreSQL and Redis instances (`npm run test:resilience`).
      ...base,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
      ...timeout(300_000),
    },
    {
      // README and docs/ as a newcomer meets them: their runnable shell blocks, the
      // troubleshooting entries and the first-hour commands, on the built apps (`npm run test:docs`).
      ...base,
      displayName: 'docs',
      testMatch: ['<rootDir>/test/docs/**/*.docs-spec.ts'],
      testTimeout: 180_000,
    },
  ],
};
