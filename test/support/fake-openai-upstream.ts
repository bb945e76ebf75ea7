import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake upstream answers one request. */
export type UpstreamBehaviour =
  | { readonly kind: 'ok' }
  /** Answers like llama.cpp or an older server: no usage at all. */
  | { readonly kind: 'ok-without-usage' }
  /** Streams one chunk, then drops the connection. */
  | { readonly kind: 'stream-then-drop' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'rate-limited'; readonly retryAfter: string }
  | { readonly kind: 'stall' }
  | { readonly kind: 'drop' }
  /** Streams one chunk, then holds the response open forever. */
  | { readonly kind: 'stream-then-hang' }
  /** A 500 whose body is an internal error text (a stack, a file path), as a crashed server sends. */
  | { readonly kind: 'server-error' }
  /** A 200 event stream whose events are not JSON. */
  | { readonly kind: 'stream-malformed' };

export const REPLY = 'Fake upstream says hello';

/**
 * An OpenAI-compatible upstream that misbehaves on cue, over a real socket:
 * each request takes the next scripted behaviour (the last one repeats). It
 * counts requests, and requests the gateway abandoned before the answer ended.
 */
export class FakeUpstream {
  requests = 0;
  /** The `model` of each chat completion request, in order. */
  models: string[] = [];
  /** The Authorization header of each chat completion request, in order. */
  authorizations: (string | undefined)[] = [];
  abandoned = 0;
  private script: UpstreamBehaviour[] = [{ kind: 'ok' }];
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  static async start(): Promise<FakeUpstream> {
    const upstream = new FakeUpstream();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Answers the next requests with these behaviours; the last repeats. Resets the counters. */
  answer(...script: UpstreamBehaviour[]): void {
    this.script = script;
    this.requests = 0;
    this.abandoned = 0;
    this.models = [];
    this.authorizations = [];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (raw += part));
    request.on('end', () => {
      if (request.url === '/v1/models') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
        return;
      }
      const behaviour = this.script[Math.min(this.requests, this.script.length - 1)] ?? { kind: 'ok' };
      this.requests += 1;
      response.on('close', () => {
        if (!response.writableFinished) this.abandoned += 1;
      });
      const body = JSON.parse(raw) as { model: string; stream?: boolean };
      this.models.push(body.model);
      this.authorizations.push(request.headers.authorization);
      this.respond(behaviour, body, request, response);
    });
  }

  private respond(
    behaviour: UpstreamBehaviour,
    body: { model: string; stream?: boolean },
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}): void =>
      void response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
    const error = (message: string, code: string) => ({ error: { message, type: 'server_error', code, param: null } });
    switch (behaviour.kind) {
      case 'unavailable':
        return json(503, error('overloaded', 'overloaded'));
      case 'invalid':
        return json(400, {
          error: { message: 'temperature is too hot', type: 'invalid_request_error', code: null, param: 'temperature' },
        });
      case 'rate-limited':
        return json(429, error('slow down', 'rate_limit_exceeded'), { 'retry-after': behaviour.retryAfter });
      case 'stall':
        return;
      case 'server-error':
        response.writeHead(500, { 'content-type': 'text/plain' }).end('boom internal at /srv/model.py:42');
        return;
      case 'stream-malformed':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: {"id":"cmpl-fake","choices":[{"delta":\n\ndata: not json at all\n\n');
        return;
      case 'drop':
        request.socket.destroy();
        return;
      case 'ok-without-usage':
        return json(200, {
          choices: [{ index: 0, message: { role: 'assistant', content: REPLY }, finish_reason: 'stop' }],
        });
      case 'stream-then-drop':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(`data: ${JSON.stringify(chunk(body.model, { content: 'first ' }, null))}\n\n`, () =>
          request.socket.destroy(),
        );
        return;
      case 'stream-then-hang':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(`data: ${JSON.stringify(chunk(body.model, { content: 'first ' }, null))}\n\n`);
        return;
      case 'ok':
        if (body.stream !== true) {
          return json(200, {
            id: 'cmpl-fake',
            object: 'chat.completion',
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: REPLY }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 },
          });
        }
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const word of REPLY.split(/(?= )/)) {
          response.write(`data: ${JSON.stringify(chunk(body.model, { content: word }, null))}\n\n`);
        }
        response.write(`data: ${JSON.stringify(chunk(body.model, {}, 'stop'))}\n\n`);
        response.end('data: [DONE]\n\n');
    }
  }
}

function chunk(model: string, delta: object, finishReason: string | null) {
  return {
    id: 'cmpl-fake',
    object: 'chat.completion.chunk',
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** Resolves once `condition` holds, polling; fails after `timeoutMs` so a broken build cannot hang. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
