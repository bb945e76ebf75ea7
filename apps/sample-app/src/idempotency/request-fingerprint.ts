import { createHmac } from 'node:crypto';

/**
 * What "the same request" means for an Idempotency-Key: method, path and body, the body compared
 * as data (key order and whitespace do not matter). Keyed, so the stored digest of a registration
 * is no fast hash of its password: without the server's key it cannot be tested against guesses.
 */
export function requestFingerprint(key: Buffer, method: string, path: string, body: unknown): string {
  return createHmac('sha256', key)
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(canonicalJson(body))
    .digest('hex');
}

/** JSON with every object's keys sorted, so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` are one request. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
