/** Why a provider call failed, as a bounded label value. */
export type UpstreamErrorReason = 'timeout' | 'connection' | 'status_5xx' | 'status_429' | 'auth' | 'aborted' | 'other';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** An HTTP status an error carries: `status` (fetch-style errors) or `getStatus()` (Nest exceptions). */
function statusOf(error: object): number | undefined {
  if ('status' in error && typeof error.status === 'number') return error.status;
  if ('getStatus' in error && typeof error.getStatus === 'function') {
    const status: unknown = (error.getStatus as () => unknown)();
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

/**
 * Classifies a provider failure. The client hanging up (the request's signal)
 * is "aborted" whatever the provider threw in response; undici wraps network
 * errors in a TypeError whose `cause` holds the code.
 */
export function upstreamErrorReason(error: unknown, signal: AbortSignal): UpstreamErrorReason {
  if (signal.aborted) return 'aborted';
  if (typeof error !== 'object' || error === null) return 'other';
  // The provider's own verdict: its deadline passed (a 504 that is a timeout, not an upstream 5xx).
  if ('code' in error && error.code === 'upstream_timeout') return 'timeout';
  // The upstream refused the gateway's own credentials: the operator's problem, counted apart.
  if ('code' in error && error.code === 'upstream_auth_failed') return 'auth';
  const status = statusOf(error);
  if (status === 429) return 'status_429';
  if (status !== undefined && status >= 500) return 'status_5xx';
  if ('name' in error && error.name === 'TimeoutError') return 'timeout';
  if ('name' in error && error.name === 'AbortError') return 'aborted';
  const cause = 'cause' in error && typeof error.cause === 'object' && error.cause !== null ? error.cause : undefined;
  for (const candidate of [error, cause]) {
    const code = candidate !== undefined && 'code' in candidate ? String(candidate.code) : undefined;
    if (code === undefined) continue;
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (CONNECTION_CODES.has(code)) return 'connection';
  }
  return 'other';
}
