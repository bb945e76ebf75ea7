import OpenAI, { type APIError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import {
  type CompatRig,
  GATEWAY_UPSTREAM_KEY,
  TARGETS,
  UPSTREAM_MODEL,
  WEATHER_TOOL_SCHEMA,
  isPerson,
  isWeatherArguments,
  personReply,
  startCompatRig,
  textReply,
  toolCallReply,
} from './compat.harness';

const weatherTool: OpenAI.Chat.Completions.ChatCompletionFunctionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'The weather in a city', parameters: { ...WEATHER_TOOL_SCHEMA } },
};
const ask = (content: string): OpenAI.Chat.Completions.ChatCompletionMessageParam[] => [{ role: 'user', content }];

// The official SDK (v7), unchanged, pointed at the gateway, with its default retries.
describe('openai SDK against llm-app', () => {
  let rig: CompatRig;
  let client: OpenAI;
  /** The bodies the SDK sent, as it sent them. */
  let sent: Record<string, unknown>[] = [];

  beforeAll(async () => {
    rig = await startCompatRig();
    const recordingFetch: typeof fetch = (input, init) => {
      if (typeof init?.body === 'string') sent.push(JSON.parse(init.body) as Record<string, unknown>);
      return fetch(input, init);
    };
    client = new OpenAI({ baseURL: rig.baseUrl, apiKey: 'client-key', fetch: recordingFetch });
  });

  beforeEach(() => {
    sent = [];
  });

  afterAll(async () => {
    await rig.close();
  });

  describe.each(TARGETS)('through the $name', (target) => {
    it('creates a chat completion with text, a stop finish reason and usage', async () => {
      rig.script(target, textReply('Hello from upstream'));
      const completion = await client.chat.completions.create({ model: target.model, messages: ask('Say hello') });
      expect(completion.choices[0]?.message.content).toEqual(expect.stringMatching(/\S/));
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    });

    it('streams a chat completion and ends with the usage chunk', async () => {
      rig.script(target, textReply('Streaming from upstream'));
      const stream = await client.chat.completions.create({
        model: target.model,
        messages: ask('Stream please'),
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let total = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        total = chunk.usage?.total_tokens ?? total;
      }
      expect(text.length).toBeGreaterThan(5);
      expect(total).toBeGreaterThan(0);
    });

    it('answers with a tool call whose arguments fit the tool schema', async () => {
      rig.script(target, toolCallReply());
      const completion = await client.chat.completions.create({
        model: target.model,
        messages: ask('What is the weather in Paris?'),
        tools: [weatherTool],
        tool_choice: 'required',
      });
      const choice = completion.choices[0];
      expect(choice?.finish_reason).toBe('tool_calls');
      const call = choice?.message.tool_calls?.[0];
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      expect(call?.type === 'function' && isWeatherArguments(JSON.parse(call.function.arguments))).toBe(true);
    });

    it('streams a tool call that the stream helper assembles', async () => {
      rig.script(target, toolCallReply());
      const stream = client.chat.completions.stream({
        model: target.model,
        messages: ask('Weather in Paris, streamed'),
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      const completion = await stream.finalChatCompletion();
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      expect(call?.type === 'function' && isWeatherArguments(JSON.parse(call.function.arguments))).toBe(true);
    });

    it('runs a tool round trip with runTools: the tool result goes back and a text answer ends it', async () => {
      rig.script(target, toolCallReply(), textReply('It is sunny in Paris'));
      const calls: unknown[] = [];
      const runner = client.chat.completions.runTools({
        model: target.model,
        messages: ask('What is the weather in Paris?'),
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'The weather in a city',
              parameters: { ...WEATHER_TOOL_SCHEMA },
              parse: JSON.parse,
              function: (args: unknown) => {
                calls.push(args);
                return { forecast: 'sunny' };
              },
            },
          },
        ],
      });
      const content = await runner.finalContent();
      expect(calls).toHaveLength(1);
      expect(isWeatherArguments(calls[0])).toBe(true);
      expect(content).toEqual(expect.stringMatching(/\S/));
    });

    it('parses a structured output with chat.completions.parse and a zod schema', async () => {
      rig.script(target, personReply);
      const person = z.object({ name: z.string(), age: z.number().int() });
      const completion = await client.chat.completions.parse({
        model: target.model,
        messages: ask('Who wrote the first program?'),
        response_format: zodResponseFormat(person, 'person'),
      });
      expect(isPerson(completion.choices[0]?.message.parsed)).toBe(true);
    });

    it('raises NotFoundError for an unknown model, without retrying', async () => {
      await expect(
        client.chat.completions.create({ model: `${target.model}-missing`, messages: ask('x') }),
      ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    });
  });

  describe('through the relay only: what the upstream receives', () => {
    const relay = TARGETS[0]!;

    it('gets the assistant tool-call turn (content null) and the tool result unchanged in the second request', async () => {
      rig.script(relay, toolCallReply(), textReply('It is sunny in Paris'));
      await client.chat.completions
        .runTools({
          model: relay.model,
          messages: ask('What is the weather in Paris?'),
          tools: [
            {
              type: 'function',
              function: {
                name: 'get_weather',
                description: 'The weather in a city',
                parameters: { ...WEATHER_TOOL_SCHEMA },
                parse: JSON.parse,
                function: () => ({ forecast: 'sunny' }),
              },
            },
          ],
        })
        .finalContent();
      const messages = rig.upstream.bodies[1]?.messages as Record<string, unknown>[];
      expect(messages.at(-2)).toEqual({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_weather_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
          },
        ],
      });
      expect(messages.at(-1)).toEqual({
        role: 'tool',
        tool_call_id: 'call_weather_1',
        content: JSON.stringify({ forecast: 'sunny' }),
      });
      // Field by field what the SDK sent, but for the model name the upstream knows.
      expect(rig.upstream.bodies).toEqual(sent.map((body) => ({ ...body, model: UPSTREAM_MODEL })));
    });

    it("gets parse()'s zod schema as a strict json_schema response_format", async () => {
      rig.script(relay, personReply);
      await client.chat.completions.parse({
        model: relay.model,
        messages: ask('Who?'),
        response_format: zodResponseFormat(z.object({ name: z.string(), age: z.number().int() }), 'person'),
      });
      expect(rig.upstream.bodies[0]?.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'person', strict: true, schema: { type: 'object', required: ['name', 'age'] } },
      });
    });
  });

  describe('errors and retries through the relay', () => {
    const relay = TARGETS[0]!;

    it('does not retry an upstream that refuses the gateway key: one upstream call, the key never shown', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 401,
        body: {
          error: { message: `Incorrect API key provided: ${GATEWAY_UPSTREAM_KEY}`, type: 'invalid_request_error' },
        },
        headers: { 'x-request-id': 'req_auth_1' },
      });
      const error = await client.chat.completions
        .create({ model: relay.model, messages: ask('x') })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((error as APIError).code).toBe('upstream_auth_failed');
      expect((error as Error).message).not.toContain(GATEWAY_UPSTREAM_KEY);
      expect((error as Error).message).toContain('req_auth_1');
      expect(rig.upstream.requests).toBe(1);
    });

    it('reports an upstream 403 about the model as model access, not as the gateway key', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 403,
        body: { error: { message: 'Project does not have access to model gpt-upstream', code: 'model_not_found' } },
      });
      const error = await client.chat.completions
        .create({ model: relay.model, messages: ask('x') })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect((error as APIError).code).toBe('model_access_denied');
      expect(rig.upstream.requests).toBe(1);
    });

    it('does not multiply retries: a persistent upstream 500 is tried three times by the gateway and not again by the SDK', async () => {
      rig.script(relay, { kind: 'status', status: 500, body: 'Traceback: /srv/model.py:42 in generate' });
      const error = await client.chat.completions
        .create({ model: relay.model, messages: ask('x') })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect((error as APIError).status).toBe(502);
      expect((error as Error).message).not.toContain('/srv/model.py');
      expect(rig.upstream.requests).toBe(3);
    });

    it("passes the upstream's request id and rate-limit headers back", async () => {
      rig.script(relay, textReply('hi', {}, { 'x-request-id': 'req_ok_7', 'x-ratelimit-remaining-requests': '42' }));
      const { response } = await client.chat.completions
        .create({ model: relay.model, messages: ask('x') })
        .withResponse();
      expect(response.headers.get('x-upstream-request-id')).toBe('req_ok_7');
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('42');
      expect(response.headers.get('x-request-id')).not.toBe('req_ok_7');
    });
  });
});
