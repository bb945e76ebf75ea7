import { setTimeout as sleep } from 'node:timers/promises';

/** What one request came to: an HTTP status, or no answer at all. */
export type Outcome = number | 'connection-error' | 'timeout';

export interface Tally {
  readonly requests: number;
  /** Count per status ("200", "503", "connection-error", "timeout"). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly status5xx: number;
  readonly connectionErrors: number;
  /** Slowest answer, in milliseconds. */
  readonly maxLatencyMs: number;
}

export interface LoadOptions {
  readonly concurrency: number;
  /** Stop after this long... */
  readonly durationMs: number;
  /** ...or after this many requests, whichever comes first: every loop is bounded twice. */
  readonly maxRequests: number;
  /** One request; `index` counts from 0 across workers. Resolves to its outcome. */
  readonly step: (index: number) => Promise<Outcome>;
  /** Pause between a worker's requests, to keep 2 shared cores usable. @default 5 */
  readonly pauseMs?: number;
}

/** Runs `step` from `concurrency` workers until the time or the count is spent, and tallies what came back. */
export async function drive(options: LoadOptions): Promise<Tally> {
  const outcomes: Record<string, number> = {};
  let issued = 0;
  let maxLatencyMs = 0;
  const stopAt = Date.now() + options.durationMs;
  const worker = async (): Promise<void> => {
    while (Date.now() < stopAt && issued < options.maxRequests) {
      const index = issued++;
      const started = performance.now();
      const outcome = await options.step(index).catch((): Outcome => 'connection-error');
      maxLatencyMs = Math.max(maxLatencyMs, performance.now() - started);
      outcomes[String(outcome)] = (outcomes[String(outcome)] ?? 0) + 1;
      await sleep(options.pauseMs ?? 5);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarise(outcomes, maxLatencyMs);
}

export function summarise(outcomes: Record<string, number>, maxLatencyMs = 0): Tally {
  const entries = Object.entries(outcomes);
  return {
    requests: entries.reduce((sum, [, count]) => sum + count, 0),
    outcomes,
    status5xx: entries.filter(([status]) => /^5\d\d$/.test(status)).reduce((sum, [, count]) => sum + count, 0),
    connectionErrors: (outcomes['connection-error'] ?? 0) + (outcomes.timeout ?? 0),
    maxLatencyMs: Math.round(maxLatencyMs),
  };
}

/** fetch with a deadline; a network failure or the deadline becomes an Outcome instead of a throw. */
export async function send(
  url: string,
  init: RequestInit = {},
  timeoutMs = 15_000,
): Promise<{ outcome: Outcome; response?: Response; body?: string }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return { outcome: response.status, response, body };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { outcome: name === 'TimeoutError' ? 'timeout' : 'connection-error' };
  }
}

/** "200×120, 503×4" for messages and figure notes. */
export function describeOutcomes(tally: Tally): string {
  return Object.entries(tally.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}×${count}`)
    .join(', ');
}

/** Milliseconds until `probe` first holds, polling every 50 ms, bounded by `timeoutMs`. */
export async function timeUntil(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return Math.round(performance.now() - started);
    await sleep(50);
  }
  throw new Error(`not recovered within ${timeoutMs} ms`);
}
