import { createOpenAI } from '@ai-sdk/openai';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { Output, generateText, stepCountIs, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { z } from 'zod';
import {
  type CompatEnvironment,
  RELAYED_HEADERS,
  TARGETS,
  UPSTREAM_CHAT_MODEL,
  headerRecordingFetch,
  relayedHeadersOf,
  startCompatEnvironment,
} from './endpoints-harness';

// Apps start inside hooks and tests; on a loaded machine that can take longer than Jest's 5 s default.
jest.setTimeout(30_000);

/** The tool every check offers: the fake upstream calls it with {"city":"Paris"}, the simulator with a generated city. */
const WEATHER_PARAMETERS = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const weatherSchema = z.object({ city: z.string() });
const TOOL_RESULT = { temperature: '21C' };
/** The structured output every check asks for: the fake answers {"city":"Paris","temperature":21}. */
const forecastSchema = z.object({ city: z.string(), temperature: z.number() });

// The Responses API with the clients people use, unchanged, pointed at llm-app: relayed natively to an
// upstream that speaks it, and answered by the simulator. The AI SDK's default `openai(model)` is this API.
describe.each(TARGETS)('the Responses API with openai, the AI SDK and LangChain $name', (target) => {
  let env: CompatEnvironment;
  const received = () => env.upstream.posts('/v1/responses').map((request) => request.body ?? {});
  /** What the upstream must have received: these bodies through the relay, nothing from the simulator. */
  const upstreamGot = (...bodies: unknown[]) => (target.relayed ? bodies : []);
  const partly = (fields: object) => expect.objectContaining(fields) as unknown;
  const sdk = () => new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
  const aiSdk = () => createOpenAI({ baseURL: env.baseURL, apiKey: 'compat' });
  const langchain = () =>
    new ChatOpenAI({
      model: target.chatModel,
      useResponsesApi: true,
      apiKey: 'compat',
      maxRetries: 0,
      configuration: { baseURL: env.baseURL },
    });

  beforeAll(async () => {
    env = await startCompatEnvironment();
  });

  beforeEach(() => env.upstream.reset());

  afterAll(async () => {
    await env?.close();
  });

  describe('openai', () => {
    it('responses.create answers output_text and usage', async () => {
      const response = await sdk().responses.create({
        model: target.chatModel,
        input: 'Say hello',
        instructions: 'Be brief.',
      });
      expect(response.output_text.length).toBeGreaterThan(5);
      expect(response.model).toBe(target.chatModel);
      expect(response.usage?.input_tokens).toBeGreaterThan(0);
      expect(received()).toEqual(
        upstreamGot({ model: UPSTREAM_CHAT_MODEL, input: 'Say hello', instructions: 'Be brief.' }),
      );
    });

    it('responses.create streamed delivers deltas that add up to the completed response', async () => {
      const stream = await sdk().responses.create({ model: target.chatModel, input: 'Stream hello', stream: true });
      let text = '';
      let completed: OpenAI.Responses.Response | undefined;
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      expect(text.length).toBeGreaterThan(5);
      // The event carries the response object as the API sends it (output_text is the SDK's own convenience).
      const message = completed?.output.find((item) => item.type === 'message');
      expect(message?.type === 'message' ? message.content : []).toEqual([expect.objectContaining({ text })]);
      expect(received()).toEqual(upstreamGot(partly({ stream: true })));
    });

    it('a function tool round trip: the call, then the answer from its result', async () => {
      const client = sdk();
      const tools: OpenAI.Responses.Tool[] = [
        { type: 'function', name: 'get_weather', parameters: WEATHER_PARAMETERS, strict: true },
      ];
      const first = await client.responses.create({ model: target.chatModel, input: 'Weather in Paris?', tools });
      const call = first.output.find((item) => item.type === 'function_call');
      expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
      if (call?.type !== 'function_call') throw new Error('no function call');
      expect(weatherSchema.parse(JSON.parse(call.arguments))).toEqual({ city: expect.any(String) });
      const second = await client.responses.create({
        model: target.chatModel,
        tools,
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          call,
          { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(TOOL_RESULT) },
        ],
      });
      expect(second.output_text).toContain('21C');
      expect(received()).toEqual(
        upstreamGot(
          partly({ tools }),
          partly({ tools, input: expect.arrayContaining([expect.objectContaining({ call_id: call.call_id })]) }),
        ),
      );
    });

    it('a json_schema text format answers JSON that parses against the schema', async () => {
      const response = await sdk().responses.create({
        model: target.chatModel,
        input: 'Forecast for Paris',
        text: {
          format: {
            type: 'json_schema',
            name: 'forecast',
            strict: true,
            schema: {
              type: 'object',
              properties: { city: { type: 'string' }, temperature: { type: 'number' } },
              required: ['city', 'temperature'],
              additionalProperties: false,
            },
          },
        },
      });
      expect(forecastSchema.safeParse(JSON.parse(response.output_text)).success).toBe(true);
    });

    it('models.retrieve finds the model, and raises NotFoundError for an unknown one', async () => {
      const client = sdk();
      expect(await client.models.retrieve(target.chatModel)).toMatchObject({ id: target.chatModel, object: 'model' });
      await expect(client.models.retrieve('gpt-99')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    });
  });

  describe('ai + @ai-sdk/openai (openai(model) is the Responses API)', () => {
    it('generateText answers text with usage', async () => {
      const result = await generateText({ model: aiSdk()(target.chatModel), prompt: 'Say hello', maxRetries: 0 });
      expect(result.text.length).toBeGreaterThan(5);
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.finishReason).toBe('stop');
      expect(received()).toEqual(upstreamGot(partly({ model: UPSTREAM_CHAT_MODEL })));
    });

    it('streamText streams the text', async () => {
      const result = streamText({ model: aiSdk()(target.chatModel), prompt: 'Stream hello', maxRetries: 0 });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text.length).toBeGreaterThan(5);
      expect(await result.text).toBe(text);
    });

    it('generateText with a tool runs the tool and answers from its result (two steps)', async () => {
      const calls: unknown[] = [];
      const result = await generateText({
        model: aiSdk()(target.chatModel),
        prompt: 'Weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'The weather in a city',
            inputSchema: weatherSchema,
            execute: (input) => {
              calls.push(input);
              return Promise.resolve(TOOL_RESULT);
            },
          }),
        },
        stopWhen: stepCountIs(3),
        maxRetries: 0,
      });
      expect(calls).toEqual([{ city: expect.any(String) }]);
      expect(result.steps).toHaveLength(2);
      expect(result.text).toContain('21C');
    });

    it('streamText with a tool streams the call and the answer from its result', async () => {
      const result = streamText({
        model: aiSdk()(target.chatModel),
        prompt: 'Weather in Paris?',
        tools: {
          get_weather: tool({ inputSchema: weatherSchema, execute: () => Promise.resolve(TOOL_RESULT) }),
        },
        stopWhen: stepCountIs(3),
        maxRetries: 0,
      });
      const toolCalls: string[] = [];
      for await (const part of result.fullStream) if (part.type === 'tool-call') toolCalls.push(part.toolName);
      expect(toolCalls).toEqual(['get_weather']);
      expect(await result.text).toContain('21C');
    });

    it('Output.object returns an object valid against the schema', async () => {
      const result = await generateText({
        model: aiSdk()(target.chatModel),
        prompt: 'Forecast for Paris',
        output: Output.object({ schema: forecastSchema }),
        maxRetries: 0,
      });
      expect(forecastSchema.parse(result.output)).toEqual(result.output);
      expect(received()).toEqual(upstreamGot(partly({ text: partly({ format: partly({ type: 'json_schema' }) }) })));
    });
  });

  describe('@langchain/openai (ChatOpenAI with useResponsesApi)', () => {
    it('invoke answers text', async () => {
      const message = await langchain().invoke('Say hello');
      expect(message.text.length).toBeGreaterThan(5);
      expect(received()).toEqual(upstreamGot(partly({ model: UPSTREAM_CHAT_MODEL })));
    });

    it('stream streams the text', async () => {
      let text = '';
      for await (const chunk of await langchain().stream('Stream hello')) text += chunk.text;
      expect(text.length).toBeGreaterThan(5);
      expect(received()).toEqual(upstreamGot(partly({ stream: true })));
    });

    it('bindTools sees the tool call, and a ToolMessage round trip answers from its result', async () => {
      const model = langchain().bindTools([
        { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: WEATHER_PARAMETERS } },
      ]);
      const question = new HumanMessage('Weather in Paris?');
      const reply = await model.invoke([question]);
      const [call] = reply.tool_calls ?? [];
      expect(call).toMatchObject({ name: 'get_weather', args: { city: expect.any(String) } });
      const answer = await model.invoke([
        question,
        new AIMessage(reply),
        new ToolMessage({ tool_call_id: call?.id ?? '', content: JSON.stringify(TOOL_RESULT) }),
      ]);
      expect(answer.text).toContain('21C');
    });

    it('withStructuredOutput returns an object valid against the schema', async () => {
      const forecast = await langchain().withStructuredOutput(forecastSchema, { name: 'forecast' }).invoke('Forecast');
      expect(forecastSchema.parse(forecast)).toEqual(forecast);
    });
  });
});

// The upstream's request id and rate-limit headers, as each client exposes them (LangChain does not: its fetch sees them).
describe("the Responses API through the relay: the upstream's request id and rate-limit headers reach each client", () => {
  const [relay] = TARGETS;
  let env: CompatEnvironment;
  const sdk = () => new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
  const aiSdk = () => createOpenAI({ baseURL: env.baseURL, apiKey: 'compat' });

  beforeAll(async () => {
    env = await startCompatEnvironment();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('openai: responses.create().withResponse() has them', async () => {
    const { response } = await sdk().responses.create({ model: relay!.chatModel, input: 'Say hello' }).withResponse();
    expect(relayedHeadersOf(response.headers)).toEqual(RELAYED_HEADERS);
    expect(response.headers.get('x-request-id')).not.toMatch(/^req_fake_/);
  });

  it('openai: a streamed responses.create().withResponse() has them', async () => {
    const { data, response } = await sdk()
      .responses.create({ model: relay!.chatModel, input: 'Stream hello', stream: true })
      .withResponse();
    const types: string[] = [];
    for await (const event of data) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    expect(relayedHeadersOf(response.headers)).toEqual(RELAYED_HEADERS);
  });

  it('ai + @ai-sdk/openai: generateText().response.headers has them', async () => {
    const result = await generateText({ model: aiSdk()(relay!.chatModel), prompt: 'Say hello', maxRetries: 0 });
    expect(relayedHeadersOf(result.response.headers)).toEqual(RELAYED_HEADERS);
  });

  it('ai + @ai-sdk/openai: streamText().response headers have them', async () => {
    const result = streamText({ model: aiSdk()(relay!.chatModel), prompt: 'Stream hello', maxRetries: 0 });
    await result.consumeStream();
    expect(relayedHeadersOf((await result.response).headers)).toEqual(RELAYED_HEADERS);
  });

  it('@langchain/openai: the responses ChatOpenAI received, streamed and not, have them', async () => {
    const recording = headerRecordingFetch();
    const model = new ChatOpenAI({
      model: relay!.chatModel,
      useResponsesApi: true,
      apiKey: 'compat',
      maxRetries: 0,
      configuration: { baseURL: env.baseURL, fetch: recording.fetch },
    });
    await model.invoke('Say hello');
    const invoked = relayedHeadersOf(recording.last());
    expect(invoked).toEqual(RELAYED_HEADERS);
    for await (const _chunk of await model.stream('Stream hello'));
    const streamed = relayedHeadersOf(recording.last());
    expect(streamed).toEqual(RELAYED_HEADERS);
    expect(streamed['x-upstream-request-id']).not.toBe(invoked['x-upstream-request-id']);
  });
});
