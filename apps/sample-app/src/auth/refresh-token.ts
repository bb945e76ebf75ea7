import { randomBytes } from 'node:crypto';
import { matchesDigest, sha256Hex } from '@app/auth';

/**
 * Refresh tokens are `<session id>.<256 random bits>`. The id finds the row;
 * only a SHA-256 of the secret part is stored, so a database leak does not
 * leak usable tokens.
 */
export interface MintedRefreshToken {
  readonly token: string;
  readonly secretHash: string;
}

export function mintRefreshToken(sessionId: string): MintedRefreshToken {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sessionId}.${secret}`, secretHash: sha256Hex(secret) };
}

export interface ParsedRefreshToken {
  readonly sessionId: string;
  readonly secret: string;
}

const TOKEN_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function parseRefreshToken(token: string): ParsedRefreshToken | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { sessionId: match[1], secret: match[2] };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  return matchesDigest(secret, storedHash);
}
