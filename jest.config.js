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

const libs = ['config', 'common', 'database', 'cache', 'metrics', 'auth', 'tracing'];
const moduleNameMapper = Object.fromEntries(libs.map((lib) => [`^@app/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`]));

/** @type {import('jest').Config['projects'][number]} */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.stryker-tmp/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,k8s,scripts,observability,deploy}/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeouts/30s.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeouts/30s.ts'],
    },
    {
      // Built apps, PostgreSQL, Redis and a real Prometheus (`npm run test:observability`).
      ...base,
      displayName: 'observability',
      testMatch: ['<rootDir>/observability/test/**/*.obs-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeouts/120s.ts'],
    },
    {
      // Built apps as black boxes under faults, hostile input and an access table, on their own
      // PostgreSQL and Redis instances (`npm run test:resilience`).
      ...base,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeouts/300s.ts'],
    },
  ],
};
