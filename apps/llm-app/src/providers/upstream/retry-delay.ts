/** Base of the exponential backoff: 200 ms, 400 ms, 800 ms… each with full jitter. */
const BASE_DELAY_MS = 200;
const MAX_BACKOFF_MS = 5_000;
/** A Retry-After longer than this is passed on to the client rather than waited out. */
export const MAX_RETRY_AFTER_MS = 5_000;

/**
 * How long to wait before retry number `attempt + 1`: the upstream's
 * Retry-After when it gave one, else a jittered exponential backoff (full
 * jitter, so many gateway replicas do not retry in lockstep). Undefined means
 * "do not retry": the upstream asked for a longer pause than is worth holding
 * the client for.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : undefined;
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  // An empty or blank header reads as neither (Date.parse('') is NaN).
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
