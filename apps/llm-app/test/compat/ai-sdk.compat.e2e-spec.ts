import { type OpenAIProvider, createOpenAI } from '@ai-sdk/openai';
import { APICallError, Output, generateObject, generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import {
  type CompatRig,
  TARGETS,
  WEATHER_TOOL_SCHEMA,
  isPerson,
  isWeatherArguments,
  personReply,
  startCompatRig,
  textReply,
  toolCallReply,
} from './compat.harness';

const weatherInput = jsonSchema<{ city: string; unit: 'celsius' | 'fahrenheit' }>(WEATHER_TOOL_SCHEMA);
const person = z.object({ name: z.string(), age: z.number().int() });

// Vercel's AI SDK 7 with its OpenAI provider in Chat Completions mode (openai.chat()), default retries.
describe('AI SDK (openai.chat) against llm-app', () => {
  let rig: CompatRig;
  let openai: OpenAIProvider;

  beforeAll(async () => {
    rig = await startCompatRig();
    openai = createOpenAI({ baseURL: rig.baseUrl, apiKey: 'client-key' });
  });

  afterAll(async () => {
    await rig.close();
  });

  describe.each(TARGETS)('through the $name', (target) => {
    it('generates text with usage', async () => {
      rig.script(target, textReply('Hello from upstream'));
      const result = await generateText({ model: openai.chat(target.model), prompt: 'Say hello' });
      expect(result.text).toEqual(expect.stringMatching(/\S/));
      expect(result.finishReason).toBe('stop');
      expect(result.usage.totalTokens).toBeGreaterThan(0);
    });

    it('streams text', async () => {
      rig.script(target, textReply('Streaming from upstream'));
      const result = streamText({ model: openai.chat(target.model), prompt: 'Stream please' });
      let text = '';
      for await (const part of result.textStream) text += part;
      expect(text.length).toBeGreaterThan(5);
      expect((await result.usage).totalTokens).toBeGreaterThan(0);
    });

    it('returns a tool call whose input fits the tool schema', async () => {
      rig.script(target, toolCallReply());
      const result = await generateText({
        model: openai.chat(target.model),
        prompt: 'What is the weather in Paris?',
        tools: { get_weather: tool({ description: 'The weather in a city', inputSchema: weatherInput }) },
        toolChoice: 'required',
      });
      expect(result.finishReason).toBe('tool-calls');
      expect(result.toolCalls.map((call) => call.toolName)).toEqual(['get_weather']);
      expect(isWeatherArguments(result.toolCalls[0]?.input)).toBe(true);
    });

    it('streams a tool call', async () => {
      rig.script(target, toolCallReply());
      const result = streamText({
        model: openai.chat(target.model),
        prompt: 'Weather in Paris, streamed',
        tools: { get_weather: tool({ description: 'The weather in a city', inputSchema: weatherInput }) },
        toolChoice: { type: 'tool', toolName: 'get_weather' },
      });
      const calls = await result.toolCalls;
      expect(calls.map((call) => call.toolName)).toEqual(['get_weather']);
      expect(isWeatherArguments(calls[0]?.input)).toBe(true);
    });

    it('runs a two-step agent: the tool executes and the model answers with its result', async () => {
      rig.script(target, toolCallReply(), textReply('It is sunny in Paris'));
      const executed: unknown[] = [];
      const result = await generateText({
        model: openai.chat(target.model),
        prompt: 'What is the weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'The weather in a city',
            inputSchema: weatherInput,
            execute: (input) => {
              executed.push(input);
              return Promise.resolve({ forecast: 'sunny' });
            },
          }),
        },
        stopWhen: stepCountIs(3),
      });
      expect(executed).toHaveLength(1);
      expect(result.steps).toHaveLength(2);
      expect(result.text).toEqual(expect.stringMatching(/\S/));
    });

    it('generates an object with generateObject (json_schema response format)', async () => {
      rig.script(target, personReply);
      const result = await generateObject({
        model: openai.chat(target.model),
        schema: person,
        prompt: 'Who wrote the first program?',
      });
      expect(isPerson(result.object)).toBe(true);
    });

    it('generates an object with generateText and Output.object', async () => {
      rig.script(target, personReply);
      const result = await generateText({
        model: openai.chat(target.model),
        output: Output.object({ schema: person }),
        prompt: 'Who wrote the first program?',
      });
      expect(isPerson(result.output)).toBe(true);
    });
  });

  describe('through the relay only: what the upstream receives', () => {
    const relay = TARGETS[0]!;

    it("gets the agent's tool result and its tool definitions", async () => {
      rig.script(relay, toolCallReply(), textReply('It is sunny in Paris'));
      await generateText({
        model: openai.chat(relay.model),
        prompt: 'What is the weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'The weather in a city',
            inputSchema: weatherInput,
            execute: () => Promise.resolve({ forecast: 'sunny' }),
          }),
        },
        stopWhen: stepCountIs(3),
      });
      const messages = rig.upstream.bodies[1]?.messages as Record<string, unknown>[];
      expect(messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_weather_1' }] });
      expect(messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_weather_1' });
      expect(rig.upstream.bodies[0]?.tools).toEqual([
        {
          type: 'function',
          function: expect.objectContaining({ name: 'get_weather', parameters: expect.any(Object) }),
        },
      ]);
    });

    it("gets generateObject's schema as a json_schema response_format", async () => {
      rig.script(relay, personReply);
      await generateObject({ model: openai.chat(relay.model), schema: person, prompt: 'Who?' });
      expect(rig.upstream.bodies[0]?.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { schema: expect.objectContaining({ type: 'object' }) },
      });
    });
  });

  describe('errors and retries through the relay', () => {
    const relay = TARGETS[0]!;

    it('does not retry an upstream that refuses the gateway key: one upstream call', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 401,
        body: { error: { message: 'Incorrect API key provided: sk-gat****', type: 'invalid_request_error' } },
      });
      const error = await generateText({ model: openai.chat(relay.model), prompt: 'x' }).catch(
        (caught: unknown) => caught,
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).statusCode).toBe(403);
      expect((error as APICallError).isRetryable).toBe(false);
      expect(rig.upstream.requests).toBe(1);
    });

    it('passes a validation error through as a 400 the SDK does not retry', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 400,
        body: {
          error: { message: "Unsupported value: 'temperature'", type: 'invalid_request_error', param: 'temperature' },
        },
      });
      const error = await generateText({ model: openai.chat(relay.model), prompt: 'x', temperature: 1.5 }).catch(
        (caught: unknown) => caught,
      );
      expect((error as APICallError).statusCode).toBe(400);
      expect((error as Error).message).toContain('temperature');
      expect(rig.upstream.requests).toBe(1);
    });
  });
});
