// What the bundle smoke test asks each app once /health and /ready answer. A check is
// `[description, async (base) => { ... }]` and throws when the app misbehaves; adding one
// is one line in APP_CHECKS.

/** fetch + status check; returns the parsed JSON body (or undefined for an empty one). */
export async function call(base, method, path, { status = 200, body, token } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== status)
    throw new Error(`${method} ${path}: expected ${status}, got ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Registers a fresh user, logs in and creates an item; returns the token and the item. */
export async function signedInUserWithItem(base) {
  const credentials = { email: `bundle-smoke-${Date.now()}@example.com`, password: 'correct horse battery staple' };
  await call(base, 'POST', '/api/v1/auth/register', { status: 201, body: credentials });
  const { accessToken } = await call(base, 'POST', '/api/v1/auth/login', { status: 200, body: credentials });
  const created = await call(base, 'POST', '/api/v1/items', {
    status: 201,
    token: accessToken,
    body: { name: 'Telescope', description: 'made by the bundle smoke test' },
  });
  return { accessToken, item: created };
}

async function registerLoginAndCreateItem(base) {
  const { accessToken, item } = await signedInUserWithItem(base);
  const read = await call(base, 'GET', `/api/v1/items/${item.id}`, { token: accessToken });
  if (read.name !== 'Telescope')
    throw new Error(`GET /api/v1/items/${item.id}: unexpected body ${JSON.stringify(read)}`);
}

/** sample-app → llm-app with the user's own token, which llm-app verifies through sample-app's JWKS. */
export async function summariseAnItemThroughLlmApp(base) {
  const { accessToken, item } = await signedInUserWithItem(base);
  const summary = await call(base, 'POST', `/api/v1/items/${item.id}/summary`, { token: accessToken });
  if (typeof summary?.summary !== 'string' || summary.summary === '' || !(summary.usage?.totalTokens > 0)) {
    throw new Error(`POST /api/v1/items/${item.id}/summary: unexpected body ${JSON.stringify(summary)}`);
  }
}

async function rootNamesTheApp(base, app) {
  const index = await call(base, 'GET', '/');
  if (index.name !== app) throw new Error(`GET /: expected name ${app}, got ${JSON.stringify(index)}`);
}

/**
 * The llm-app API key the smoke tests present. The bundle smoke test configures
 * its digest; against the kind cluster it is the local environment's generated
 * key (docs/kubernetes.md), passed in as LLM_SMOKE_API_KEY.
 */
export const LLM_SMOKE_API_KEY = process.env.LLM_SMOKE_API_KEY ?? 'bundle-smoke-llm-api-key-0001';

async function chatCompletionWithSimulatedModel(base) {
  const completion = await call(base, 'POST', '/v1/chat/completions', {
    token: LLM_SMOKE_API_KEY,
    body: { model: 'simulated', messages: [{ role: 'user', content: 'Say hello.' }] },
  });
  const content = completion?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content === '') {
    throw new Error(`POST /v1/chat/completions: no message content in ${JSON.stringify(completion)}`);
  }
}

export const APP_CHECKS = {
  'sample-app': [
    ['GET / names the app', (base) => rootNamesTheApp(base, 'sample-app')],
    ['register, login, create and read an item', registerLoginAndCreateItem],
  ],
  'llm-app': [
    ['GET / names the app', (base) => rootNamesTheApp(base, 'llm-app')],
    ['chat completion with the simulated model', chatCompletionWithSimulatedModel],
  ],
};

/** Checks the deployed cluster runs on top of APP_CHECKS: those that need both apps wired together. */
export const CLUSTER_CHECKS = {
  'sample-app': [['summarise an item through llm-app, verified by JWKS', summariseAnItemThroughLlmApp]],
  'llm-app': [],
};
