import { createHash } from 'node:crypto';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey, looksLikeJwt } from './api-key-format';
import { matchesDigest } from './secret-digest';

describe(generateApiKey.name, () => {
  it('makes nko_<12 alphanumerics>_<43 base64url chars>, whose visible part is the prefix, stored as its SHA-256', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^nko_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(generated.key.startsWith(`${generated.prefix}_`)).toBe(true);
    expect(apiKeyPrefix(generated.key)).toBe(generated.prefix);
    expect(generated.hash).toBe(createHash('sha256').update(generated.key).digest('hex'));
    expect(apiKeyMatches(generated.key, generated.hash)).toBe(true);
  });

  it('never makes the same key twice, nor the same prefix', () => {
    const keys = Array.from({ length: 20 }, () => generateApiKey());
    expect(new Set(keys.map(({ key }) => key)).size).toBe(20);
    expect(new Set(keys.map(({ prefix }) => prefix)).size).toBe(20);
  });
});

describe(apiKeyPrefix.name, () => {
  it('answers undefined for anything that is not a whole well-formed key', () => {
    const { key } = generateApiKey();
    expect(apiKeyPrefix(`${key}x`)).toBeUndefined();
    expect(apiKeyPrefix(`x${key}`)).toBeUndefined();
    expect(apiKeyPrefix('nko_short_0123456789abcdef0123456789')).toBeUndefined();
    expect(apiKeyPrefix('')).toBeUndefined();
  });
});

describe(apiKeyMatches.name, () => {
  it('refuses another key with the same prefix', () => {
    const { key, hash } = generateApiKey();
    const sibling = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(apiKeyMatches(sibling, hash)).toBe(false);
    expect(hashApiKey(sibling)).not.toBe(hash);
  });
});

describe(matchesDigest.name, () => {
  it('answers false, without throwing, for a stored digest of another length', () => {
    expect(matchesDigest('secret', 'abcd')).toBe(false);
    expect(matchesDigest('secret', '')).toBe(false);
  });
});

describe(looksLikeJwt.name, () => {
  it('tells a three-part JWT from an API key and from other dotted strings', () => {
    expect(looksLikeJwt('a.b.c')).toBe(true);
    expect(looksLikeJwt(generateApiKey().key)).toBe(false);
    expect(looksLikeJwt('a.b')).toBe(false);
    expect(looksLikeJwt('a.b.c.d')).toBe(false);
  });
});
