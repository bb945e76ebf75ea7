import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ReceivedRequest, readRequest } from './received-request';

export type { ReceivedRequest } from './received-request';

/** A scripted failure: the next request to any POST endpoint gets this status and OpenAI-shaped error. */
export interface FakeFailure {
  readonly status: number;
  readonly message: string;
  readonly code?: string;
  readonly param?: string;
}

export const FAKE_RESPONSE_TEXT = 'Fake upstream response';
/** What the fake always calls a tool with: tests give their tools a `city` string parameter. */
export const FAKE_TOOL_ARGUMENTS = '{"city":"Paris"}';
/** What the fake answers for a `json_schema` text format: tests ask for this shape. */
export const FAKE_STRUCTURED_OUTPUT = { city: 'Paris', temperature: 21 };
/** Input tokens the fake reports per embedding input. */
export const FAKE_TOKENS_PER_INPUT = 3;
/** The rate-limit state the fake reports on every answer, as OpenAI does. */
export const FAKE_RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit-requests': '5000',
  'x-ratelimit-remaining-requests': '4999',
  'x-ratelimit-reset-requests': '12ms',
} as const;

/**
 * An upstream speaking OpenAI's Embeddings and Responses wire formats over a real socket, recording
 * every request so a test can see each field arrive unchanged. Embeddings: one vector per input of
 * the requested `dimensions` (default 8), float or base64. Responses: a function call of the first
 * function tool (arguments FAKE_TOOL_ARGUMENTS) unless the input ends with a tool result, else text
 * (FAKE_STRUCTURED_OUTPUT as JSON for a `json_schema` format); streamed as OpenAI's event sequence.
 */
export class FakeOpenAiEndpoints {
  readonly received: ReceivedRequest[] = [];
  private failures: FakeFailure[] = [];
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  static async start(): Promise<FakeOpenAiEndpoints> {
    const upstream = new FakeOpenAiEndpoints();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The POSTs to one endpoint (`/v1/embeddings`, `/v1/responses`), in order. */
  posts(path: string): ReceivedRequest[] {
    return this.received.filter((request) => request.method === 'POST' && request.path === path);
  }

  /** The next POSTs fail with these, one each. */
  fail(...failures: FakeFailure[]): void {
    this.failures.push(...failures);
  }

  reset(): void {
    this.received.length = 0;
    this.failures = [];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    readRequest(request, (received) => {
      const { path, body } = received;
      this.received.push(received);
      // Request n's id is req_fake_n: a test can tell which attempt's id came back.
      const headers = { 'x-request-id': `req_fake_${this.received.length}`, ...FAKE_RATE_LIMIT_HEADERS };
      const json = (status: number, value: unknown) =>
        void response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      if (request.method === 'GET' && path === '/v1/models') return json(200, { object: 'list', data: [] });
      const failure = request.method === 'POST' ? this.failures.shift() : undefined;
      if (failure !== undefined) {
        return json(failure.status, {
          error: {
            message: failure.message,
            type: failure.status >= 500 ? 'server_error' : 'invalid_request_error',
            code: failure.code ?? null,
            param: failure.param ?? null,
          },
        });
      }
      if (path === '/v1/embeddings' && body !== undefined) return json(200, embeddings(body));
      if (path === '/v1/responses' && body !== undefined) {
        const answer = responseFor(body);
        if (body.stream !== true) return json(200, answer);
        response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
        for (const event of eventsOf(answer))
          response.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
        response.end();
        return;
      }
      json(404, { error: { message: `no route ${path}`, type: 'invalid_request_error', code: null, param: null } });
    });
  }
}

function embeddings(body: Record<string, unknown>) {
  const input = body.input;
  const inputs =
    typeof input === 'string' || typeof (input as unknown[])[0] === 'number' ? [input] : (input as unknown[]);
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 8;
  const data = inputs.map((_value, index) => {
    // Input n's vector is the unit vector along axis n (mod dimensions): easy to check after the trip.
    const vector = new Float32Array(dimensions);
    vector[index % dimensions] = 1;
    const embedding =
      body.encoding_format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.length * FAKE_TOKENS_PER_INPUT;
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

type Item = Record<string, unknown>;

function responseFor(body: Record<string, unknown>) {
  const input = Array.isArray(body.input) ? (body.input as Item[]) : [];
  const tools = Array.isArray(body.tools) ? (body.tools as Item[]).filter((tool) => tool.type === 'function') : [];
  const afterToolResult = input.at(-1)?.type === 'function_call_output';
  const format = (body.text as { format?: { type?: string } } | undefined)?.format;
  let output: Item[];
  if (tools.length > 0 && !afterToolResult && body.tool_choice !== 'none') {
    output = [
      {
        type: 'function_call',
        id: 'fc_fake_1',
        call_id: 'call_fake_1',
        name: tools[0]?.name,
        arguments: FAKE_TOOL_ARGUMENTS,
        status: 'completed',
      },
    ];
  } else {
    const text =
      format?.type === 'json_schema'
        ? JSON.stringify(FAKE_STRUCTURED_OUTPUT)
        : afterToolResult
          ? `${FAKE_RESPONSE_TEXT} after the tool said ${String(input.at(-1)?.output)}`
          : FAKE_RESPONSE_TEXT;
    output = [
      {
        type: 'message',
        id: 'msg_fake_1',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ];
  }
  return {
    id: 'resp_fake_1',
    object: 'response',
    created_at: 1_764_000_000,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model: body.model,
    output,
    parallel_tool_calls: true,
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    text: body.text ?? { format: { type: 'text' } },
    usage: {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 6,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 18,
    },
  };
}

/** OpenAI's streamed event sequence for a finished response: each item added, its deltas, done, completed. */
function eventsOf(answer: ReturnType<typeof responseFor>): Item[] {
  const events: Item[] = [];
  const push = (type: string, fields: Item) => events.push({ type, sequence_number: events.length, ...fields });
  const started = { ...answer, status: 'in_progress', output: [], usage: null };
  push('response.created', { response: started });
  push('response.in_progress', { response: started });
  for (const [outputIndex, item] of answer.output.entries()) {
    const place = { item_id: item.id, output_index: outputIndex };
    if (item.type === 'function_call') {
      push('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '' } });
      const args = String(item.arguments);
      for (const delta of [args.slice(0, 5), args.slice(5)])
        push('response.function_call_arguments.delta', { ...place, delta });
      push('response.function_call_arguments.done', { ...place, arguments: args });
    } else {
      const text = String((item.content as { text: string }[])[0]?.text);
      push('response.output_item.added', { output_index: outputIndex, item: { ...item, content: [] } });
      push('response.content_part.added', {
        ...place,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      });
      for (const delta of text.split(/(?= )/)) {
        push('response.output_text.delta', { ...place, content_index: 0, delta, logprobs: [] });
      }
      push('response.output_text.done', { ...place, content_index: 0, text, logprobs: [] });
      push('response.content_part.done', {
        ...place,
        content_index: 0,
        part: { type: 'output_text', text, annotations: [] },
      });
    }
    push('response.output_item.done', { output_index: outputIndex, item });
  }
  push('response.completed', { response: answer });
  return events;
}
