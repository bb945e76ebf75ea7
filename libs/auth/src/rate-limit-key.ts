import { createHash } from 'node:crypto';

/** The throttler every limit of these apps counts under (one window, a per-route limit for @StrictRateLimit). */
export const RATE_LIMIT_THROTTLER = 'default';

/** The limit all of a client's requests share; strict routes count under their own route name instead. */
export const SHARED_SCOPE = 'all';

/** Store key of one client's counter: hashed, so no address, key id or user id is stored in the clear. */
export function rateLimitKey(throttlerName: string, scope: string, tracker: string): string {
  return createHash('sha256').update(`${throttlerName}:${scope}:${tracker}`).digest('hex');
}
