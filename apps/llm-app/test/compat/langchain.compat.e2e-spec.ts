import { AIMessage, type AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import {
  type CompatRig,
  TARGETS,
  type CompatTarget,
  isPerson,
  isWeatherArguments,
  personReply,
  startCompatRig,
  textReply,
  toolCallReply,
} from './compat.harness';

const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  schema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
};
const person = z.object({ name: z.string(), age: z.number().int() });

// LangChain's ChatOpenAI 1.x (Chat Completions), its default retries limited so a failure cannot take minutes.
describe('LangChain ChatOpenAI against llm-app', () => {
  let rig: CompatRig;
  const chat = (target: CompatTarget, options: { streaming?: boolean } = {}) =>
    new ChatOpenAI({
      model: target.model,
      apiKey: 'client-key',
      configuration: { baseURL: rig.baseUrl },
      maxRetries: 2,
      useResponsesApi: false,
      ...options,
    });

  beforeAll(async () => {
    rig = await startCompatRig();
  });

  afterAll(async () => {
    await rig.close();
  });

  describe.each(TARGETS)('through the $name', (target) => {
    it('invokes the model and reads the text and token usage', async () => {
      rig.script(target, textReply('Hello from upstream'));
      const message = await chat(target).invoke('Say hello');
      expect(message.text).toEqual(expect.stringMatching(/\S/));
      expect(message.usage_metadata?.total_tokens).toBeGreaterThan(0);
    });

    it('streams the text', async () => {
      rig.script(target, textReply('Streaming from upstream'));
      let text = '';
      for await (const chunk of await chat(target).stream('Stream please')) text += chunk.text;
      expect(text.length).toBeGreaterThan(5);
    });

    it('gets a tool call from bindTools', async () => {
      rig.script(target, toolCallReply());
      const message = await chat(target)
        .bindTools([weatherTool], { tool_choice: 'required' })
        .invoke('What is the weather in Paris?');
      expect(message.tool_calls?.map((call) => call.name)).toEqual(['get_weather']);
      expect(isWeatherArguments(message.tool_calls?.[0]?.args)).toBe(true);
    });

    it('assembles a streamed tool call from its chunks', async () => {
      rig.script(target, toolCallReply());
      const stream = await chat(target)
        .bindTools([weatherTool], { tool_choice: 'get_weather' })
        .stream('Weather in Paris, streamed');
      let whole: AIMessageChunk | undefined;
      for await (const chunk of stream) whole = whole === undefined ? chunk : whole.concat(chunk);
      expect(whole?.tool_calls?.map((call) => call.name)).toEqual(['get_weather']);
      expect(isWeatherArguments(whole?.tool_calls?.[0]?.args)).toBe(true);
    });

    it('completes a tool round trip: the tool result goes back and the model answers in text', async () => {
      rig.script(target, toolCallReply(), textReply('It is sunny in Paris'));
      const model = chat(target).bindTools([weatherTool]);
      const question = new HumanMessage('What is the weather in Paris?');
      const first = await model.invoke([question]);
      const call = first.tool_calls?.[0];
      expect(call?.id).toEqual(expect.any(String));
      const result = new ToolMessage({ tool_call_id: call?.id ?? '', content: '{"forecast":"sunny"}' });
      const second = await model.invoke([question, new AIMessage(first), result]);
      expect(second.tool_calls ?? []).toEqual([]);
      expect(second.text).toEqual(expect.stringMatching(/\S/));
    });

    it('returns a structured output from withStructuredOutput (json schema)', async () => {
      rig.script(target, personReply);
      const result = await chat(target)
        .withStructuredOutput(person, { name: 'person', method: 'jsonSchema' })
        .invoke('Who wrote the first program?');
      expect(isPerson(result)).toBe(true);
    });

    it('returns a structured output from withStructuredOutput (function calling)', async () => {
      rig.script(target, {
        kind: 'reply',
        choices: [
          {
            content: null,
            toolCalls: [{ id: 'call_person', name: 'person', arguments: '{"name":"Ada","age":36}' }],
            finishReason: 'tool_calls',
          },
        ],
      });
      const result = await chat(target)
        .withStructuredOutput(person, { name: 'person', method: 'functionCalling' })
        .invoke('Who wrote the first program?');
      expect(isPerson(result)).toBe(true);
    });
  });

  describe('through the relay only: what the upstream receives', () => {
    const relay = TARGETS[0]!;

    it('gets the tool result and the bound tools unchanged', async () => {
      rig.script(relay, toolCallReply(), textReply('It is sunny in Paris'));
      const model = chat(relay).bindTools([weatherTool]);
      const question = new HumanMessage('What is the weather in Paris?');
      const first = await model.invoke([question]);
      const result = new ToolMessage({
        tool_call_id: first.tool_calls?.[0]?.id ?? '',
        content: '{"forecast":"sunny"}',
      });
      await model.invoke([question, new AIMessage(first), result]);
      const messages = rig.upstream.bodies[1]?.messages as Record<string, unknown>[];
      expect(messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_weather_1' }] });
      expect(messages.at(-1)).toEqual({
        role: 'tool',
        tool_call_id: 'call_weather_1',
        content: '{"forecast":"sunny"}',
      });
      expect(rig.upstream.bodies[0]?.tools).toEqual([
        {
          type: 'function',
          function: expect.objectContaining({ name: 'get_weather', parameters: expect.any(Object) }),
        },
      ]);
    });

    it("gets withStructuredOutput's schema as a json_schema response_format", async () => {
      rig.script(relay, personReply);
      await chat(relay).withStructuredOutput(person, { name: 'person', method: 'jsonSchema' }).invoke('Who?');
      expect(rig.upstream.bodies[0]?.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'person' },
      });
    });
  });

  describe('errors and retries through the relay', () => {
    const relay = TARGETS[0]!;

    it('does not retry an upstream that refuses the gateway key: one upstream call', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 401,
        body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } },
      });
      const error = await chat(relay)
        .invoke('x')
        .catch((caught: unknown) => caught);
      expect((error as { status?: number }).status).toBe(403);
      expect(rig.upstream.requests).toBe(1);
    });

    it('passes a validation error through as a 400 that is not retried', async () => {
      rig.script(relay, {
        kind: 'status',
        status: 400,
        body: { error: { message: "Unsupported value: 'top_p'", type: 'invalid_request_error', param: 'top_p' } },
      });
      const error = await chat(relay)
        .invoke('x')
        .catch((caught: unknown) => caught);
      expect((error as { status?: number }).status).toBe(400);
      expect((error as Error).message).toContain('top_p');
      expect(rig.upstream.requests).toBe(1);
    });
  });
});
