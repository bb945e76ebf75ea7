/**
 * Who may call each route of the two OpenAPI documents: one declared table, checked by
 * access-table.resilience-spec.ts against the running apps. A route the documents gain
 * without an entry here fails the spec, so every new route gets an access decision.
 *
 * - public: anyone, credentials or not
 * - user: any signed-in caller, an API key included
 * - session: a signed-in user with an access token; API keys get 403
 * - admin: the admin role only
 * - { scope }: any signed-in caller; an API key needs the scope
 * - { scope, owner: true }: as scope, and only the owner of the resource (or an admin)
 */
export type AccessRule = 'public' | 'user' | 'session' | 'admin' | { readonly scope: string; readonly owner?: true };

export const SAMPLE_APP_ACCESS: Readonly<Record<string, AccessRule>> = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /info': 'public',
  'GET /.well-known/jwks.json': 'public',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'user',
  'GET /api/v1/protected': 'user',
  'POST /api/v1/auth/api-keys': 'session',
  'GET /api/v1/auth/api-keys': 'session',
  'DELETE /api/v1/auth/api-keys/{id}': 'session',
  'GET /api/v1/admin/users': 'admin',
  'PATCH /api/v1/admin/users/{id}/role': 'admin',
  'GET /api/v1/items': { scope: 'items:read' },
  'POST /api/v1/items': { scope: 'items:write' },
  'GET /api/v1/items/{id}': { scope: 'items:read' },
  'PATCH /api/v1/items/{id}': { scope: 'items:write', owner: true },
  'DELETE /api/v1/items/{id}': { scope: 'items:write', owner: true },
  'POST /api/v1/items/{id}/summary': { scope: 'items:read' },
  'GET /api/v1/cache': { scope: 'cache:read' },
  'PUT /api/v1/cache/{key}': { scope: 'cache:write' },
  'GET /api/v1/cache/{key}': { scope: 'cache:read' },
  'DELETE /api/v1/cache/{key}': { scope: 'cache:write' },
};

export const LLM_APP_ACCESS: Readonly<Record<string, AccessRule>> = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /info': 'public',
  'POST /v1/chat/completions': { scope: 'llm:invoke' },
  'GET /v1/models': { scope: 'llm:invoke' },
  'GET /v1/models/{model}': { scope: 'llm:invoke' },
  'POST /v1/embeddings': { scope: 'llm:invoke' },
  'POST /v1/responses': { scope: 'llm:invoke' },
  'POST /chat': { scope: 'llm:invoke' },
  'GET /traces': 'user',
  'POST /traces/otlp': 'user',
  'GET /traces/{traceId}': 'user',
};

export type Caller = 'anonymous' | 'narrow key' | 'other user' | 'owner' | 'admin';

/** The callers, in the order they call (the owner's DELETE comes after the others' attempts). */
export const CALLERS: readonly Caller[] = ['anonymous', 'narrow key', 'other user', 'owner', 'admin'];

/**
 * What a caller must get: 'denied-401', 'denied-403', or 'allowed' (any answer but 401/403,
 * and never a 5xx other than a documented 503). `keyScopes` are the narrow key's scopes.
 */
export function expectedAccess(rule: AccessRule, caller: Caller, keyScopes: readonly string[]): 'allowed' | 401 | 403 {
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (rule === 'user') return 'allowed';
  if (rule === 'session') return caller === 'narrow key' ? 403 : 'allowed';
  if (rule === 'admin') return caller === 'admin' ? 'allowed' : 403;
  if (caller === 'narrow key' && !keyScopes.includes(rule.scope)) return 403;
  if (rule.owner === true && caller === 'other user') return 403;
  return 'allowed';
}
