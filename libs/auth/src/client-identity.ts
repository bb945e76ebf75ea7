import type { Principal } from './principal';

/**
 * Who a limit counts against: each API key on its own, a user's tokens
 * together, and an unauthenticated (or anonymous) caller by address.
 */
export function clientIdentityOf(principal: Principal | undefined, ip: string): string {
  if (principal === undefined || principal.kind === 'anonymous') return `ip:${ip}`;
  return principal.kind === 'api-key' ? `api-key:${principal.credentialId}` : `access-token:${principal.userId}`;
}
