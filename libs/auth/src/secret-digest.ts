import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 digests of high-entropy secrets (API keys, refresh tokens), stored
 * instead of the secrets. A fast hash is enough for 256 random bits; passwords
 * go through PasswordHasher (Argon2id) instead.
 */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with a stored digest. */
export function matchesDigest(secret: string, storedHex: string): boolean {
  const actual = Buffer.from(sha256Hex(secret), 'hex');
  const expected = Buffer.from(storedHex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
