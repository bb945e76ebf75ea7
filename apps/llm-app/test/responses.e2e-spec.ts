import request from 'supertest';
import { z } from 'zod';
import {
  FAKE_RESPONSE_TEXT,
  FAKE_TOOL_ARGUMENTS,
  FakeOpenAiEndpoints,
} from '../../../test/support/fake-openai-endpoints';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';
import { spanNamed } from './support/spans';

// Apps start inside hooks and tests; on a loaded machine that can take longer than Jest's 5 s default.
jest.setTimeout(30_000);

/** A zod validator of a JSON Schema, to check what the simulator generated against it. */
const validatorOf = (schema: object) => z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

interface StreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

/** The events of a Responses API stream, checking each frame's `event:` line matches its data's type. */
function eventsOf(body: string): StreamEvent[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const event = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as StreamEvent;
      expect(eventLine).toBe(`event: ${event.type}`);
      return event;
    });
}

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', minLength: 2 }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
  strict: true,
};

describe('POST /v1/responses', () => {
  let upstream: FakeOpenAiEndpoints;
  let app: RunningApp;
  const respond = (body: object, target: RunningApp = app) => request(target.baseUrl).post('/v1/responses').send(body);

  beforeAll(async () => {
    upstream = await FakeOpenAiEndpoints.start();
    app = await startLlmApp({
      env: {
        LLM_UPSTREAMS: JSON.stringify([
          { name: 'native', baseUrl: upstream.baseUrl, models: ['smart=gpt-5-mini'], responsesApi: true },
          { name: 'chat-only', baseUrl: upstream.baseUrl, models: ['legacy=llama'] },
        ]),
        LLM_UPSTREAM_MAX_RETRIES: '0',
      },
    });
  });

  beforeEach(() => upstream.reset());

  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  describe('from the simulator', () => {
    it('answers a completed response object with text derived from the input and usage', async () => {
      const first = await respond({ model: 'simulated', input: 'Tell me about gateways' }).expect(200);
      expect(first.body).toMatchObject({
        object: 'response',
        status: 'completed',
        model: 'simulated',
        output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text' }] }],
      });
      expect(first.body.id).toMatch(/^resp_/);
      const text = first.body.output[0].content[0].text as string;
      expect(text).toContain('Tell me about gateways');
      expect(first.body.usage.input_tokens).toBeGreaterThan(0);
      expect(first.body.usage.total_tokens).toBe(first.body.usage.input_tokens + first.body.usage.output_tokens);
      const again = await respond({ model: 'simulated', input: 'Tell me about gateways' }).expect(200);
      expect(again.body.output[0].content[0].text).toBe(text);
    });

    it('streams the documented event sequence, numbered, whose deltas add up to the final text', async () => {
      const response = await respond({ model: 'simulated', input: 'Stream it', stream: true }).expect(200);
      expect(response.headers['content-type']).toContain('text/event-stream');
      const events = eventsOf(response.text);
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
      const types = [...new Set(events.map((event) => event.type))];
      expect(types).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      const deltas = events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta);
      const completed = events.at(-1)?.response as { output: { content: { text: string }[] }[]; usage: object };
      expect(deltas.join('')).toBe(completed.output[0]?.content[0]?.text);
      expect(completed.usage).toMatchObject({ output_tokens: deltas.length });
    });

    it('calls a given function tool with arguments valid against its schema, streamed and not', async () => {
      const body = { model: 'simulated', input: 'Weather in Paris?', tools: [weatherTool] };
      const response = await respond(body).expect(200);
      const [call] = response.body.output as { type: string; name: string; arguments: string; call_id: string }[];
      expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
      const args = validatorOf(weatherTool.parameters).parse(JSON.parse(call?.arguments ?? ''));
      expect(args).toEqual(expect.objectContaining({ city: expect.any(String) }));

      const streamed = eventsOf((await respond({ ...body, stream: true }).expect(200)).text);
      const argumentDeltas = streamed
        .filter((event) => event.type === 'response.function_call_arguments.delta')
        .map((event) => event.delta);
      expect(argumentDeltas.join('')).toBe(call?.arguments);
      expect(streamed.find((event) => event.type === 'response.function_call_arguments.done')).toMatchObject({
        arguments: call?.arguments,
      });
    });

    it('answers with text quoting the tool result once the input ends with a function_call_output', async () => {
      const response = await respond({
        model: 'simulated',
        tools: [weatherTool],
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '{"temperature":"21C"}' },
        ],
      }).expect(200);
      expect(response.body.output[0].type).toBe('message');
      expect(response.body.output[0].content[0].text).toContain('21C');
    });

    it('calls no tool with tool_choice none, and the named one with a specific tool_choice', async () => {
      const other = { ...weatherTool, name: 'get_time', parameters: { type: 'object', properties: {} } };
      const none = await respond({ model: 'simulated', input: 'x', tools: [weatherTool], tool_choice: 'none' });
      expect(none.body.output[0].type).toBe('message');
      const named = await respond({
        model: 'simulated',
        input: 'x',
        tools: [weatherTool, other],
        tool_choice: { type: 'function', name: 'get_time' },
      });
      expect((named.body.output as { name: string }[]).map((item) => item.name)).toEqual(['get_time']);
    });

    it('answers JSON valid against a json_schema text format', async () => {
      const schema = {
        type: 'object',
        properties: {
          title: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
          rating: { type: 'integer', minimum: 1, maximum: 5 },
        },
        required: ['title', 'tags', 'rating'],
        additionalProperties: false,
      };
      const response = await respond({
        model: 'simulated',
        input: 'Review this gateway',
        text: { format: { type: 'json_schema', name: 'review', schema, strict: true } },
      }).expect(200);
      const text = response.body.output[0].content[0].text as string;
      expect(() => validatorOf(schema).parse(JSON.parse(text))).not.toThrow();
    });

    it('stops at max_output_tokens with status incomplete', async () => {
      const response = await respond({ model: 'simulated', input: 'Say a lot', max_output_tokens: 3 }).expect(200);
      expect(response.body).toMatchObject({
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
      });
      expect(response.body.usage.output_tokens).toBe(3);
    });
  });

  describe('relayed natively to an upstream with the Responses API', () => {
    it('passes every field up unchanged but the model, and the response back under the public name', async () => {
      const body = {
        model: 'smart',
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
        instructions: 'Be brief.',
        tools: [weatherTool],
        tool_choice: 'auto',
        reasoning: { effort: 'low' },
        store: false,
        include: ['reasoning.encrypted_content'],
        metadata: { team: 'search' },
        previous_response_id: 'resp_earlier',
        service_tier: 'flex',
      };
      const response = await respond(body).expect(200);
      expect(upstream.posts('/v1/responses').map((received) => received.body)).toEqual([
        { ...body, model: 'gpt-5-mini' },
      ]);
      expect(response.body).toMatchObject({
        id: 'resp_fake_1',
        model: 'smart',
        output: [{ type: 'function_call', arguments: FAKE_TOOL_ARGUMENTS }],
        usage: { input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 2 } },
      });
    });

    it('relays the upstream’s stream event for event, each response object under the public name', async () => {
      const response = await respond({ model: 'smart', input: 'Hi', stream: true }).expect(200);
      const events = eventsOf(response.text);
      expect(upstream.posts('/v1/responses')[0]?.body).toMatchObject({ model: 'gpt-5-mini', stream: true });
      expect(
        events
          .filter((event) => event.type === 'response.output_text.delta')
          .map((e) => e.delta)
          .join(''),
      ).toBe(FAKE_RESPONSE_TEXT);
      expect(events.at(-1)).toMatchObject({ type: 'response.completed', response: { model: 'smart' } });
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    });

    it("passes the upstream's 400 on in OpenAI's shape", async () => {
      upstream.fail({ status: 400, message: "Unsupported parameter: 'temperature'", param: 'temperature' });
      const response = await respond({ model: 'smart', input: 'Hi', temperature: 0.2 }).expect(400);
      expect(response.body.error).toMatchObject({ param: 'temperature', type: 'invalid_request_error' });
    });
  });

  describe('refusals', () => {
    it('answers 400 unsupported_model naming the model when its upstream has no Responses API, asking nothing', async () => {
      const response = await respond({ model: 'legacy', input: 'Hi' }).expect(400);
      expect(response.body.error).toMatchObject({ code: 'unsupported_model', param: 'model' });
      expect(response.body.error.message).toContain("'legacy'");
      expect(upstream.received.filter((received) => received.method === 'POST')).toEqual([]);
    });

    it.each([
      [{ input: 'x' }, 'model'],
      [{ model: 'simulated', input: 5 }, 'input'],
      [{ model: 'simulated', input: [{ content: 'no role or type' }] }, 'input.0'],
      [{ model: 'simulated', input: 'x', tools: [{ type: 'function' }] }, 'tools.0'],
      [{ model: 'simulated', input: 'x', text: { format: { type: 'json_schema' } } }, 'text.format.name'],
      [{ model: 'simulated', input: 'x', max_output_tokens: 0 }, 'max_output_tokens'],
    ])('answers 400 naming the param for %j', async (body, param) => {
      const response = await respond(body).expect(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error' });
      expect(String(response.body.error.param)).toContain(param);
    });

    it('answers 404 model_not_found for an unknown model', async () => {
      const response = await respond({ model: 'nope', input: 'x' }).expect(404);
      expect(response.body.error.code).toBe('model_not_found');
    });

    it('charges input and output tokens to the budget, streamed or not, then refuses with 429', async () => {
      const budgeted = await startLlmApp({ env: { LLM_TOKEN_BUDGET_PER_WINDOW: '1' } });
      try {
        await respond({ model: 'simulated', input: 'spend', stream: true }, budgeted).expect(200);
        const refused = await respond({ model: 'simulated', input: 'more' }, budgeted).expect(429);
        expect(refused.body.error.code).toBe('token_budget_exceeded');
      } finally {
        await budgeted.close();
      }
    });
  });

  describe('telemetry', () => {
    it('records a chat CLIENT span with openai.api.type=responses, usage and finish reason, and no content', async () => {
      await respond({ model: 'smart', input: 'a confidential question', tools: [weatherTool] }).expect(200);
      const span = await spanNamed(app.baseUrl, 'chat gpt-5-mini');
      expect(span).toMatchObject({
        kind: 'client',
        attributes: expect.objectContaining({
          'gen_ai.operation.name': 'chat',
          'openai.api.type': 'responses',
          'gen_ai.provider.name': 'native',
          'gen_ai.response.id': 'resp_fake_1',
          'gen_ai.usage.input_tokens': 12,
          'gen_ai.usage.output_tokens': 6,
          'gen_ai.response.finish_reasons': ['tool_calls'],
        }),
      });
      expect(JSON.stringify(span)).not.toContain('confidential');
      expect(JSON.stringify(span)).not.toContain('Paris');
    });

    it('records the input and output messages only with LLM_CAPTURE_CONTENT=true', async () => {
      const capturing = await startLlmApp({ env: { LLM_CAPTURE_CONTENT: 'true' } });
      try {
        await respond(
          { model: 'simulated', input: 'a capturable question', instructions: 'Be terse.' },
          capturing,
        ).expect(200);
        const span = await spanNamed(capturing.baseUrl, 'chat simulated');
        expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([
          { role: 'system', parts: [{ type: 'text', content: 'Be terse.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'a capturable question' }] },
        ]);
        expect(String(span.attributes['gen_ai.output.messages'])).toContain('Simulated response to');
      } finally {
        await capturing.close();
      }
    });

    it('records time to first token for a streamed response', async () => {
      await respond({ model: 'simulated', input: 'first token please', stream: true }).expect(200);
      const metrics = (await request(app.baseUrl).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /gen_ai_server_time_to_first_token_seconds_count\{gen_ai_operation_name="chat",gen_ai_provider_name="simulated"[^}]*\} [1-9]/,
      );
    });
  });
});

describe('GET /v1/models/{id}', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startLlmApp({ env: { LLM_SIMULATED_MODELS: 'simulated,team/model-a' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the new endpoints in the OpenAPI document', async () => {
    const document = await request(app.baseUrl).get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths as object)).toEqual(
      expect.arrayContaining(['/v1/embeddings', '/v1/responses', '/v1/models/{model}']),
    );
  });

  it('answers the model object of a served model', async () => {
    const response = await request(app.baseUrl).get('/v1/models/simulated').expect(200);
    expect(response.body).toEqual({ id: 'simulated', object: 'model', created: 0, owned_by: 'simulated' });
  });

  it('finds a model whose name holds a slash when the client encodes it', async () => {
    const response = await request(app.baseUrl).get('/v1/models/team%2Fmodel-a').expect(200);
    expect(response.body.id).toBe('team/model-a');
  });

  it("answers 404 model_not_found in OpenAI's shape for an unknown id", async () => {
    const response = await request(app.baseUrl).get('/v1/models/gpt-99').expect(404);
    expect(response.body).toEqual({
      error: {
        message: "The model 'gpt-99' does not exist.",
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });
});
