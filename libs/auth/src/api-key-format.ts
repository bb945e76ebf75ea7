import { randomBytes } from 'node:crypto';
import { matchesDigest, sha256Hex } from './secret-digest';

/**
 * API keys look like `nko_<12 visible chars>_<43 secret chars>`. The visible
 * prefix (`nko_<12>`) is stored and shown so a person can tell keys apart and
 * the server can find the row; only a SHA-256 of the whole key is stored.
 * SHA-256 suffices because the key carries 256 random bits: there is nothing
 * to guess, unlike a password.
 */
const KEY_PATTERN = /^(nko_[A-Za-z0-9]{12})_[A-Za-z0-9_-]{43}$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface GeneratedApiKey {
  readonly key: string;
  readonly prefix: string;
  readonly hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const visible = Array.from(randomBytes(12), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  const prefix = `nko_${visible}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** The prefix of a well-formed key, or undefined for anything else. */
export function apiKeyPrefix(candidate: string): string | undefined {
  return KEY_PATTERN.exec(candidate)?.[1];
}

export function apiKeyMatches(candidate: string, storedHash: string): boolean {
  return matchesDigest(candidate, storedHash);
}

/** Whether a bearer credential is shaped like a JWT rather than an API key. */
export function looksLikeJwt(credential: string): boolean {
  return credential.split('.').length === 3;
}
