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
    'libs/auth/src/{rate-limit.guard,rate-limit.store,rate-limit-key,rate-limit-message,failed-authentication-limit,recent-failures}.ts',
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
// cost far more than it tells. Each mutant of k8s/ would otherwise also run the practice exercises'
// full synth to disk (scripts/practice, 7 s a mutant) and render the vendored Helm charts (2 specs
// that reach the constructs only through a type import, 3 s a mutant). A module not listed runs every
// spec of jest.stryker.config.mjs that covers the mutant. Narrowing can only lower a score: a mutant
// only an unlisted spec notices counts as surviving.
export const testScopes = {
  // The filter answers every error of every e2e spec (some 40 files, each booting an app per mutant);
  // these state the problem+json contract: the shapes and statuses (unit), and each app's answers to
  // unknown routes, malformed, oversized, undecodable and hostile requests (e2e).
  'problem-json': {
    specs: [
      'libs/errors/src/**/*.spec.ts',
      'apps/*/test/operational.e2e-spec.ts',
      'apps/*/test/hostile-input.e2e-spec.ts',
    ],
    except: [],
  },
  // The guard and its counters run on every request of every e2e spec (some 40 files, each booting an
  // app per test or file), so even the rate-limit and token-budget e2e specs alone cost some 45 s a mutant
  // here (13 app boots, each counter mutant). These state the same limits at a few ms a test: the guard
  // on a small Fastify app booted once (shared and strict limits, who counts, the 429's fields and detail),
  // the counters, key, message, failed-authentication limit and budgets (unit), and the Redis counters,
  // budgets, fail-open stores and budget readiness on the shared Redis (integration).
  'rate-limits': {
    specs: [
      'libs/auth/src/{rate-limit,failed-authentication-limit,recent-failures}*.spec.ts',
      'libs/auth/src/{rate-limit,failed-authentication-limit}*.integration-spec.ts',
      'apps/llm-app/src/budgets/*.spec.ts',
      'apps/llm-app/src/budgets/*.integration-spec.ts',
    ],
    except: [],
  },
  // The breaker, the retry delays and the deadline sit under every llm-app call to an upstream (some
  // 20 e2e files, each booting a gateway per mutant); these state their behaviour: the unit specs, and
  // the e2e specs of a faulty upstream (retries, Retry-After, timeouts, the open circuit, fallbacks),
  // of retrying clients, and of the embeddings fallback (docs/decisions/0130).
  'breaker-retries': {
    specs: [
      'apps/llm-app/src/providers/upstream/**/*.spec.ts',
      'apps/llm-app/src/completions/**/*.spec.ts',
      'apps/llm-app/test/upstream-resilience.e2e-spec.ts',
      'apps/llm-app/test/compat/retries.compat.e2e-spec.ts',
      'apps/llm-app/test/embeddings.e2e-spec.ts',
    ],
    except: [],
  },
  // The guard and the token code run on nearly every e2e request (some 40 files, each booting an app
  // per mutant, about 75 s a mutant on the shared machine). These state the auth behaviour without an
  // app: the unit specs of the module's files (the guard with its failure limit, token issue and
  // verification with forged tokens, signing keys, rotation in AuthService, API keys, llm-app's access)
  // and the repository contract on SQLite and PostgreSQL (refresh sessions marked used once, API-key
  // lookup and last use, cascades). The e2e specs over HTTP repeat them, plus the wiring.
  auth: {
    specs: [
      'libs/auth/src/**/*.spec.ts',
      'apps/sample-app/src/{auth,api-keys}/**/*.spec.ts',
      'apps/sample-app/src/database/repositories{.spec,.integration-spec}.ts',
      'apps/llm-app/src/access/**/*.spec.ts',
    ],
    except: [],
  },
  k8s: {
    specs: ['k8s/**/*.spec.ts'],
    except: ['k8s/constructs/vendored-helm-chart.spec.ts', 'k8s/charts/observability-stack.spec.ts'],
  },
};

// Modules whose specs build their subject once, outside any test (the k8s invariants synthesize each
// environment at collection time): a mutant there is "static" to Stryker. With ignoreStatic, such a
// mutant runs only the few tests that touched it inside a test body, so the invariants never see it,
// and a top-level constant (privileged: false) is not tested at all. These modules run every related
// test for them instead; the cost is small, since each such mutant reloads the specs anyway.
export const runStaticMutants = ['k8s'];
