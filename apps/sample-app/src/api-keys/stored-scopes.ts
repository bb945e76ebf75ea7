import { SCOPES, type Scope } from '@app/auth';

/**
 * How an API key's scopes are stored in its `scopes` column: distinct, sorted, space-separated.
 * Reading drops any word that is no longer a scope, so a retired scope grants nothing.
 */
export function encodeScopes(scopes: readonly Scope[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

export function decodeScopes(stored: string): Scope[] {
  return stored.split(' ').filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope));
}
