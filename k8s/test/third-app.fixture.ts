import { APPS, type AppEntry } from '../../apps/registry';

/**
 * A third app that exists only in the registry: no settings in any environment, no chart, no policy
 * written for it. It keeps data in PostgreSQL, uses Redis, verifies tokens with sample-app's JWKS and
 * is public under /api.
 */
export const THIRD_APP: AppEntry = {
  identity: { name: 'third-app', defaultPort: 8082, usesDatabase: true, issuesTokens: false },
  cache: true,
  llmUpstream: false,
  calls: [{ app: 'sample-app', variable: 'AUTH_JWKS_URL', path: '/.well-known/jwks.json' }],
  publicPaths: ['/', '/api'],
  clusterTimeouts: {},
  longestRequestMs: () => 10_000,
  migrationScript: 'dist/apps/third-app/src/migrate.js',
  nodeOptions: [],
};

/** The registry with the fixture app added, and nothing else changed. */
export const APPS_WITH_THIRD_APP: readonly AppEntry[] = [...APPS, THIRD_APP];
