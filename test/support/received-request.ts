import type { IncomingMessage } from 'node:http';

/** One request a fake upstream received, as it arrived. */
export interface ReceivedRequest {
  readonly method: string;
  /** The path without its query. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** The parsed JSON body; undefined for a request without one (a GET). */
  readonly body: Record<string, unknown> | undefined;
}

/** Reads a request to its end and hands it over as received: the one way the fake upstreams record. */
export function readRequest(request: IncomingMessage, received: (request: ReceivedRequest) => void): void {
  let raw = '';
  request.setEncoding('utf8');
  request.on('data', (part: string) => (raw += part));
  request.on('end', () => {
    received({
      method: request.method ?? 'GET',
      path: (request.url ?? '').split('?')[0] ?? '',
      headers: request.headers,
      body: raw === '' ? undefined : (JSON.parse(raw) as Record<string, unknown>),
    });
  });
}
