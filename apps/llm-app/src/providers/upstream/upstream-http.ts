import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Dispatcher, Pool } from 'undici';

/** An upstream's answer: status, headers with lower-case names, and a body that must be read, dumped or destroyed. */
export type UpstreamResponse = Dispatcher.ResponseData;

export interface UpstreamCall {
  readonly method: 'GET' | 'POST';
  /** Name, value, name, value…: undici takes a flat array as it is, an object it walks key by key. */
  readonly headers: readonly string[];
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** The HTTP client of one upstream: requests on its origin's pool, under its base path (`/v1`). */
export interface UpstreamClient {
  request(path: string, call: UpstreamCall): Promise<UpstreamResponse>;
}

/**
 * One keep-alive connection pool per upstream origin, made on first use and closed at shutdown
 * (decision 0125). Requests go through undici's `Pool.request`: no WHATWG Request, Response or
 * web stream per call as with `fetch`, and the body is a Node stream read as it arrives. Upstreams
 * on the same origin share a pool. undici publishes each request on the diagnostics channels the
 * OpenTelemetry undici instrumentation subscribes to: it makes the HTTP CLIENT span and sends
 * `traceparent`, as it did for `fetch`.
 */
@Injectable()
export class UpstreamHttp implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pool>();

  /** The client for a base URL (`http://vllm:8000/v1`, no trailing slash: the configuration strips it). */
  clientFor(baseUrl: string): UpstreamClient {
    const url = new URL(baseUrl);
    const basePath = url.pathname === '/' ? '' : url.pathname;
    return {
      request: (path, call) =>
        this.poolFor(url.origin).request({
          path: `${basePath}${path}`,
          method: call.method,
          headers: call.headers as string[],
          body: call.body ?? null,
          signal: call.signal,
        }),
    };
  }

  /**
   * After the HTTP server closed, so no client request is in flight: what is left is idle sockets, a
   * readiness probe or the drain of a finished stream, cut off rather than waited for (`close()`
   * would wait up to undici's 300 s body timeout for an upstream that never ends a response).
   */
  async onApplicationShutdown(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      // undici's defaults, as the global `fetch` agent had them: no connection limit (a limit would queue
      // requests inside the gateway, out of sight of its metrics), 4 s idle keep-alive unless the upstream
      // says otherwise, 300 s header and body timeouts behind the provider's own deadlines.
      pool = new Pool(origin);
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
