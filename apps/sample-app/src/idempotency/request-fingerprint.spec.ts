import { canonicalJson, requestFingerprint } from './request-fingerprint';

const KEY = Buffer.alloc(32, 7);

describe(requestFingerprint.name, () => {
  it('is the same for the same body with other key order, nested too', () => {
    expect(requestFingerprint(KEY, 'post', '/api/v1/items', { a: 1, b: { y: 2, x: [3, { q: 1, p: 2 }] } })).toBe(
      requestFingerprint(KEY, 'POST', '/api/v1/items', { b: { x: [3, { p: 2, q: 1 }], y: 2 }, a: 1 }),
    );
  });

  it.each([
    ['body', 'POST', '/api/v1/items', { a: 2 }],
    ['path', 'POST', '/api/v1/other', { a: 1 }],
    ['method', 'PUT', '/api/v1/items', { a: 1 }],
  ])('differs when the %s differs', (_what, method, path, body) => {
    expect(requestFingerprint(KEY, method, path, body)).not.toBe(
      requestFingerprint(KEY, 'POST', '/api/v1/items', { a: 1 }),
    );
  });

  it('depends on the server key, so a stored digest cannot be tested against guessed bodies without it', () => {
    const body = { email: 'a@example.com', password: 'guess me' };
    expect(requestFingerprint(KEY, 'POST', '/r', body)).not.toBe(
      requestFingerprint(Buffer.alloc(32, 8), 'POST', '/r', body),
    );
  });

  it('keeps array order: [1, 2] and [2, 1] are different requests', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('is 64 hex characters', () => {
    expect(requestFingerprint(KEY, 'POST', '/', undefined)).toMatch(/^[0-9a-f]{64}$/);
  });
});
