// The critical modules `npm run test:mutation` mutates, each scored on its own.
export const modules = {
  // tokens, refresh rotation, API keys, scopes, the guard order
  auth: [
    'libs/auth/src/{access-token,access-token-claims,api-key-format,auth.guard,bearer-credential,client-identity,jwks-token-verifier,password-hasher,secret-digest,signing-keys}.ts',
    'apps/sample-app/src/auth/{auth.service,refresh-sessions.repository,refresh-token}.ts',
    'apps/sample-app/src/api-keys/{api-key.authenticator,api-keys.service,api-keys.repository,stored-scopes}.ts',
    'apps/llm-app/src/access/*.ts',
  ],
  'rate-limits': [
    'libs/auth/src/{rate-limit.guard,rate-limit.store,rate-limit-key,rate-limit-message,failed-authentication-limit}.ts',
    'apps/llm-app/src/budgets/*.ts',
  ],
  'cache-aside': ['apps/sample-app/src/items/items.service.ts'],
  'problem-json': [
    'libs/errors/src/{http-exception-problem,problem-details.filter,problem-details,framework-error.handler,validation-failed.error}.ts',
  ],
  'breaker-retries': [
    'apps/llm-app/src/providers/upstream/{circuit-breaker,retry-delay,deadline}.ts',
    'apps/llm-app/src/completions/provider-fallback.ts',
  ],
  k8s: ['k8s/constructs/{nest-service,data-store,network-peers,pod-security}.ts'],
  alerts: ['observability/src/alerts/*.ts'],
};

// The specs a module's mutants run against, where running every spec that touches its code would
// cost far more than it tells: each mutant of k8s/ would otherwise also run the practice exercises'
// full synth to disk (scripts/practice), 7 s a mutant that no invariant depends on. A module not
// listed runs every spec of jest.stryker.config.mjs that covers the mutant. Narrowing can only lower
// a score: a mutant only an unlisted spec notices counts as surviving.
export const testScopes = {
  k8s: ['k8s/**/*.spec.ts'],
};
