import { Agent, request } from 'node:http';
import type { HostileRequest } from './openapi-cases';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Keep-alive requests to one app on 127.0.0.1, at most `concurrency` at a time. */
export class HostileClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    concurrency: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(hostile: HostileRequest, timeoutMs = 10_000): Promise<RawAnswer> {
    const url = new URL(this.baseUrl);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname,
          port: url.port,
          method: hostile.method,
          path: hostile.path,
          agent: this.agent,
          headers: {
            ...hostile.headers,
            ...(hostile.body !== undefined ? { 'content-length': String(hostile.body.length) } : {}),
          },
          timeout: timeoutMs,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(hostile.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; keeps order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return results;
}
