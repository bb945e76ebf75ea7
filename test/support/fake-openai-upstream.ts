import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ReceivedRequest, readRequest } from './received-request';

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
  /** Streams a whole answer up to `data: [DONE]`, and ends the HTTP response a moment later (in another packet). */
  | { readonly kind: 'stream-then-late-end' }
  /**
   * Answers these choices in OpenAI's wire format, as a chat.completion or
   * (when the request streams) as chunks: a role chunk, content in words,
   * tool calls opened then their arguments in pieces, a finish chunk, and the
   * usage chunk when stream_options.include_usage asks for it.
   */
  | {
      readonly kind: 'reply';
      readonly choices: readonly FakeChoice[];
      readonly usage?: Readonly<Record<string, unknown>>;
      /** Extra top-level fields of the completion and of every chunk (system_fingerprint, service_tier…). */
      readonly extra?: Readonly<Record<string, unknown>>;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Any status with this body, verbatim (a string is sent as text/plain). */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** A 500 whose body is an internal error text (a stack, a file path), as a crashed server sends. */
  | { readonly kind: 'server-error' }
  /** A 200 event stream whose events are not JSON. */
  | { readonly kind: 'stream-malformed' }
  /**
   * A 200 event stream of this text, verbatim, written `bytesPerWrite` bytes of its UTF-8 at a time with a
   * pause between writes: a body the gateway reads in pieces split anywhere (inside a character, a line break).
   */
  | { readonly kind: 'stream-raw'; readonly text: string; readonly bytesPerWrite: number };

/** One choice of a scripted reply. */
export interface FakeChoice {
  readonly content?: string | null;
  readonly refusal?: string | null;
  readonly toolCalls?: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  readonly finishReason: string;
  /** Relayed as the choice's `logprobs` (whole, on the completion and on the finish chunk). */
  readonly logprobs?: unknown;
}

export const FAKE_USAGE = {
  prompt_tokens: 11,
  completion_tokens: 5,
  total_tokens: 16,
  prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 2, audio_tokens: 0 },
};

export const REPLY = 'Fake upstream says hello';

/**
 * An OpenAI-compatible upstream that misbehaves on cue, over a real socket:
 * each request takes the next scripted behaviour (the last one repeats). It
 * counts requests, requests the gateway abandoned before the answer ended, those it read to the end, and
 * the connections the gateway opened.
 */
export class FakeUpstream {
  requests = 0;
  /** Each request but the readiness probe's GET /v1/models, in order, as it arrived. */
  received: ReceivedRequest[] = [];
  abandoned = 0;
  completed = 0;
  /** TCP connections accepted since the server started (not reset by `answer`). */
  connections = 0;
  private script: UpstreamBehaviour[] = [{ kind: 'ok' }];
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  static async start(): Promise<FakeUpstream> {
    const upstream = new FakeUpstream();
    upstream.server.on('connection', () => (upstream.connections += 1));
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The parsed body of each request, in order: what arrived, field by field. */
  get bodies(): Record<string, unknown>[] {
    return this.received.map((request) => request.body ?? {});
  }

  /** The `model` of each request, in order. */
  get models(): string[] {
    return this.bodies.map((body) => String(body.model));
  }

  /** The Authorization header of each request, in order. */
  get authorizations(): (string | undefined)[] {
    return this.received.map((request) => request.headers.authorization);
  }

  /** Answers the next requests with these behaviours; the last repeats. Resets the counters. */
  answer(...script: UpstreamBehaviour[]): void {
    this.script = script;
    this.requests = 0;
    this.abandoned = 0;
    this.completed = 0;
    this.received = [];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    readRequest(request, (received) => {
      if (received.path === '/v1/models') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
        return;
      }
      const behaviour = this.script[Math.min(this.requests, this.script.length - 1)] ?? { kind: 'ok' };
      this.requests += 1;
      response.on('close', () => {
        if (response.writableFinished) this.completed += 1;
        else this.abandoned += 1;
      });
      this.received.push(received);
      this.respond(behaviour, (received.body ?? {}) as { model: string; stream?: boolean }, request, response);
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
      case 'reply':
        return reply(behaviour, body, response);
      case 'status':
        if (typeof behaviour.body === 'string') {
          response
            .writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers })
            .end(behaviour.body);
          return;
        }
        return json(behaviour.status, behaviour.body, { ...behaviour.headers });
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
      case 'stream-raw': {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const bytes = Buffer.from(behaviour.text, 'utf8');
        const writeFrom = (offset: number): void => {
          if (offset >= bytes.length) {
            response.end();
            return;
          }
          response.write(bytes.subarray(offset, offset + behaviour.bytesPerWrite), () =>
            setTimeout(() => writeFrom(offset + behaviour.bytesPerWrite), 2),
          );
        };
        writeFrom(0);
        return;
      }
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
      case 'stream-then-late-end':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(`data: ${JSON.stringify(chunk(body.model, { content: REPLY }, 'stop'))}\n\n`);
        response.write('data: [DONE]\n\n', () => setTimeout(() => response.end(), 50));
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

interface ChatBody {
  readonly model: string;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
}

function reply(
  behaviour: Extract<UpstreamBehaviour, { kind: 'reply' }>,
  body: ChatBody,
  response: ServerResponse,
): void {
  const usage = behaviour.usage ?? FAKE_USAGE;
  const top = { id: 'chatcmpl-fake', created: 1_700_000_000, model: body.model, ...behaviour.extra };
  const headers = { 'x-request-id': 'req_fake_123', ...behaviour.headers };
  if (body.stream !== true) {
    const choices = behaviour.choices.map((choice, index) => ({
      index,
      message: {
        role: 'assistant',
        content: choice.content ?? null,
        refusal: choice.refusal ?? null,
        ...(choice.toolCalls === undefined
          ? {}
          : {
              tool_calls: choice.toolCalls.map((call) => ({
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: call.arguments },
              })),
            }),
      },
      logprobs: choice.logprobs ?? null,
      finish_reason: choice.finishReason,
    }));
    response
      .writeHead(200, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify({ ...top, object: 'chat.completion', choices, usage }));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
  const send = (choices: object[], extra: object = {}) =>
    response.write(`data: ${JSON.stringify({ ...top, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
  for (const [index, choice] of behaviour.choices.entries()) {
    send([{ index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
    for (const word of (choice.content ?? '').split(/(?= )/).filter(Boolean)) {
      send([{ index, delta: { content: word }, logprobs: null, finish_reason: null }]);
    }
    if (choice.refusal !== undefined && choice.refusal !== null) {
      send([{ index, delta: { refusal: choice.refusal }, logprobs: null, finish_reason: null }]);
    }
    for (const [position, call] of (choice.toolCalls ?? []).entries()) {
      const opening = { index: position, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
      send([{ index, delta: { tool_calls: [opening] }, logprobs: null, finish_reason: null }]);
      for (let at = 0; at < call.arguments.length; at += 5) {
        const piece = { index: position, function: { arguments: call.arguments.slice(at, at + 5) } };
        send([{ index, delta: { tool_calls: [piece] }, logprobs: null, finish_reason: null }]);
      }
    }
    send([{ index, delta: {}, logprobs: choice.logprobs ?? null, finish_reason: choice.finishReason }]);
  }
  if (body.stream_options?.include_usage === true) send([], { usage });
  response.end('data: [DONE]\n\n');
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
