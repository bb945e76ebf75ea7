import { TEST_PASSWORD } from '../../support/accounts';
import { uniqueName } from '../../support/service-env';
import { recordKnownSecrets } from './known-secrets';

export interface Account {
  readonly email: string;
  readonly userId: string;
  readonly accessToken: string;
}

async function call(base: string, path: string, init: { method: string; body?: unknown; token?: string }) {
  const response = await fetch(`${base}${path}`, {
    method: init.method,
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token !== undefined ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${path}: ${response.status} ${text}`);
  return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
}

/** Signs in (registering first unless `password` is given); records the tokens for the log scan. */
export async function signIn(
  base: string,
  label: string,
  existing?: { email: string; password: string },
): Promise<Account> {
  const email = existing?.email ?? `${uniqueName(label)}@example.com`.toLowerCase();
  const password = existing?.password ?? TEST_PASSWORD;
  if (existing === undefined) await call(base, '/api/v1/auth/register', { method: 'POST', body: { email, password } });
  const tokens = await call(base, '/api/v1/auth/login', { method: 'POST', body: { email, password } });
  const accessToken = tokens.accessToken as string;
  const me = await call(base, '/api/v1/auth/me', { method: 'GET', token: accessToken });
  recordKnownSecrets(label, [password, accessToken, tokens.refreshToken as string]);
  return { email, userId: me.id as string, accessToken };
}

export async function createItem(base: string, owner: Account, name: string): Promise<string> {
  return (await call(base, '/api/v1/items', { method: 'POST', token: owner.accessToken, body: { name } })).id as string;
}

export async function createApiKey(
  base: string,
  owner: Account,
  scopes: readonly string[],
): Promise<{ id: string; key: string }> {
  const created = await call(base, '/api/v1/auth/api-keys', {
    method: 'POST',
    token: owner.accessToken,
    body: { name: 'resilience', scopes },
  });
  recordKnownSecrets('api-keys', [created.key as string]);
  return { id: created.id as string, key: created.key as string };
}

export async function openApiDocument(base: string): Promise<unknown> {
  const response = await fetch(`${base}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json: ${response.status}`);
  return response.json();
}

/** A gauge or counter of the app's /metrics, summed over its series. */
export async function metricValue(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
