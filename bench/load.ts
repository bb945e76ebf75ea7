import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { cpuMicros } from './process-stats';

export interface Target {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  /** Body of each request; a function gives every request its own (unique inserts). */
  readonly body?: string | (() => string);
}

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** The server's CPU time per completed request, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  /** Errors, timeouts and non-2xx answers (only a tolerant load returns with any). */
  readonly failures: number;
}

/**
 * Saturating load for `seconds` from this process, with the server's CPU read from /proc
 * before and after. Any error, timeout or non-2xx answer fails the run: a fast error is no result.
 */
export async function saturate(
  target: Target,
  serverPid: number,
  seconds: number,
  connections: number,
  { tolerateFailures = false }: { readonly tolerateFailures?: boolean } = {},
): Promise<LoadResult> {
  const cpuBefore = cpuMicros(serverPid);
  const { body } = target;
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers ?? {},
    connections,
    duration: seconds,
    ...(typeof body === 'function'
      ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }] }
      : body === undefined
        ? {}
        : { body }),
  });
  const cpu = cpuMicros(serverPid) - cpuBefore;
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${status}×${count}`)
      .join(', ');
    const message = `${target.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${statuses})`;
    if (!tolerateFailures) throw new Error(message);
    console.warn(message);
  }
  const requests = result.requests.total;
  return {
    requests,
    requestsPerSecond: requests / seconds,
    cpuMicrosPerRequest: cpu / Math.max(requests, 1),
    failures,
  };
}

export interface LatencyResult {
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly meanMicros: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/**
 * Latency at one connection, request after request on one keep-alive socket, timed with
 * hrtime (sub-millisecond resolution, unlike autocannon's millisecond histogram).
 */
export async function latency(target: Target, count: number): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.url);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const body = typeof target.body === 'function' ? target.body() : target.body;
      const started = process.hrtime.bigint();
      await new Promise<void>((resolve, reject) => {
        const req = request(
          url,
          { method: target.method ?? 'GET', headers: target.headers ?? {}, agent },
          (response) => {
            response.resume();
            response.once('end', () =>
              (response.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`${target.url}: ${response.statusCode}`)),
            );
          },
        );
        req.once('error', reject);
        req.end(body);
      });
      samples.push(Number(process.hrtime.bigint() - started) / 1_000);
    }
  } finally {
    agent.destroy();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Micros: quantile(sorted, 0.5),
    p99Micros: quantile(sorted, 0.99),
    meanMicros: samples.reduce((sum, value) => sum + value, 0) / Math.max(samples.length, 1),
  };
}

/** Time to first byte and whole-stream time of one streamed request, in microseconds. */
export async function streamTiming(target: Target): Promise<{ ttfbMicros: number; totalMicros: number }> {
  const started = process.hrtime.bigint();
  const response = await fetch(target.url, {
    method: target.method ?? 'POST',
    headers: target.headers ?? {},
    body: typeof target.body === 'function' ? target.body() : target.body,
  });
  if (!response.ok || !response.body) throw new Error(`${target.url}: ${response.status}`);
  const reader = response.body.getReader();
  let first: bigint | undefined;
  for (;;) {
    const { done } = await reader.read();
    first ??= process.hrtime.bigint();
    if (done) break;
  }
  const ended = process.hrtime.bigint();
  return { ttfbMicros: Number(first - started) / 1_000, totalMicros: Number(ended - started) / 1_000 };
}
