import Ajv2020 from 'ajv/dist/2020';
import { Clock } from '@app/lifecycle';
import { loadConfig } from '@app/config';
import { LLM_APP } from '../../llm-app.identity';
import type { ChatMessage } from '../../openai/chat-completion.schema';
import { OpenAiError } from '../../openai/openai.errors';
import type { ProviderRequest, WireObject } from '../chat-provider';
import { SimulatedProvider } from '../simulated.provider';
import { TokenCounter } from '../token-counter';

const simulator = () =>
  new SimulatedProvider(
    new TokenCounter(),
    new Clock(),
    loadConfig({ LLM_SIMULATED_TTFT_MS: '0', LLM_SIMULATED_TOKENS_PER_SECOND: '1000000' }, LLM_APP),
  );

const WEATHER = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 2 },
    days: { type: 'integer', minimum: 1, maximum: 7 },
    unit: { enum: ['celsius', 'fahrenheit'] },
    when: { type: 'string', format: 'date-time' },
  },
  required: ['city', 'days', 'unit'],
  additionalProperties: false,
};
const TIME = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { zone: { type: 'string' }, tags: { type: 'array', items: { type: 'string' }, minItems: 2 } },
  required: ['zone', 'tags'],
  additionalProperties: false,
};
const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: WEATHER } },
  { type: 'function', function: { name: 'get_time', parameters: TIME } },
];

function request(body: Record<string, unknown>, messages?: ChatMessage[]): ProviderRequest {
  const conversation = messages ?? [{ role: 'user', content: 'Plan my trip' }];
  return { model: 'simulated', messages: conversation, stop: [], body: { messages: conversation, ...body } };
}

const never = new AbortController().signal;
const choicesOf = (wire: WireObject | undefined) =>
  (wire?.choices ?? []) as {
    message: { content: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[] };
    finish_reason: string;
    logprobs: { content: { token: string; top_logprobs: unknown[] }[] } | null;
  }[];
const callsOf = async (body: Record<string, unknown>, messages?: ChatMessage[]) =>
  choicesOf((await simulator().complete(request(body, messages), never)).wire)[0]?.message.tool_calls ?? [];
const validates = (schema: object, value: unknown) =>
  new Ajv2020({ strict: false, validateFormats: false }).validate(schema, value);

describe(SimulatedProvider.name, () => {
  describe('complete with tools', () => {
    it('calls one tool, chosen from the conversation, with arguments valid against its schema', async () => {
      const calls = await callsOf({ tools });
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      const schema = call.function.name === 'get_weather' ? WEATHER : TIME;
      expect(validates(schema, JSON.parse(call.function.arguments))).toBe(true);
      expect(await callsOf({ tools })).toEqual(calls);
    });

    it('calls every tool the user names in parallel, and only the first with parallel_tool_calls false', async () => {
      const both: ChatMessage[] = [{ role: 'user', content: 'Use get_time and get_weather' }];
      const parallel = await callsOf({ tools }, both);
      expect(parallel.map((call) => call.function.name)).toEqual(['get_weather', 'get_time']);
      expect(new Set(parallel.map((call) => call.id)).size).toBe(2);
      expect(validates(TIME, JSON.parse(parallel[1]!.function.arguments))).toBe(true);
      const single = await callsOf({ tools, parallel_tool_calls: false }, both);
      expect(single.map((call) => call.function.name)).toEqual(['get_weather']);
    });

    it('honours tool_choice: none answers in text, a named function is the one called', async () => {
      expect(await callsOf({ tools, tool_choice: 'none' })).toEqual([]);
      const forced = await callsOf({ tools, tool_choice: { type: 'function', function: { name: 'get_time' } } });
      expect(forced.map((call) => call.function.name)).toEqual(['get_time']);
    });

    it('answers in text after a tool result unless tool_choice is required', async () => {
      const afterTool: ChatMessage[] = [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny and warm' },
      ];
      const result = await simulator().complete(request({ tools }, afterTool), never);
      expect(result.finishReason).toBe('stop');
      expect(result.text).toContain('sunny and warm');
      expect(await callsOf({ tools, tool_choice: 'required' }, afterTool)).toHaveLength(1);
    });

    it('refuses a tool_choice naming a tool that is not given, naming the param', async () => {
      await expect(
        simulator().complete(request({ tools, tool_choice: { type: 'function', function: { name: 'nope' } } }), never),
      ).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
      await expect(simulator().complete(request({ tools: [{ type: 'web' }] }), never)).rejects.toBeInstanceOf(
        OpenAiError,
      );
    });
  });

  describe('complete with structured outputs, n, logprobs and seed', () => {
    it('answers json_schema with JSON valid against the schema, and json_object with a JSON object', async () => {
      const strict = await simulator().complete(
        request({ response_format: { type: 'json_schema', json_schema: { name: 'w', schema: WEATHER } } }),
        never,
      );
      expect(validates(WEATHER, JSON.parse(strict.text))).toBe(true);
      const loose = await simulator().complete(request({ response_format: { type: 'json_object' } }), never);
      expect(JSON.parse(loose.text)).toEqual({ reply: expect.stringContaining('Plan my trip') });
    });

    it('answers n choices, each its own and each the same on every call', async () => {
      const first = choicesOf((await simulator().complete(request({ n: 3 }), never)).wire);
      const again = choicesOf((await simulator().complete(request({ n: 3 }), never)).wire);
      expect(first).toHaveLength(3);
      expect(new Set(first.map((choice) => choice.message.content)).size).toBe(3);
      expect(again.map((choice) => choice.message.content)).toEqual(first.map((choice) => choice.message.content));
    });

    it('gives logprobs per token with the asked number of alternatives', async () => {
      const result = await simulator().complete(request({ logprobs: true, top_logprobs: 2 }), never);
      const logprobs = choicesOf(result.wire)[0]?.logprobs;
      expect(logprobs?.content.map((entry) => entry.token).join('')).toBe(result.text);
      expect(logprobs?.content.every((entry) => entry.top_logprobs.length === 2)).toBe(true);
      expect(choicesOf((await simulator().complete(request({}), never)).wire)[0]?.logprobs).toBeNull();
    });

    it('has a system fingerprint that depends on the seed alone', async () => {
      const fingerprint = async (body: Record<string, unknown>, content = 'Plan my trip') =>
        (await simulator().complete(request(body, [{ role: 'user', content }]), never)).wire?.system_fingerprint;
      expect(await fingerprint({ seed: 7 })).toBe(await fingerprint({ seed: 7 }, 'Something else'));
      expect(await fingerprint({ seed: 7 })).not.toBe(await fingerprint({ seed: 8 }));
    });
  });

  describe('stream', () => {
    it('streams tool calls whose argument pieces join to the completed call', async () => {
      const body = { tools, tool_choice: 'required' };
      const whole = choicesOf((await simulator().complete(request(body), never)).wire)[0]?.message.tool_calls;
      let args = '';
      let name: string | undefined;
      let finish: string | undefined;
      for await (const event of simulator().stream(request(body), never)) {
        if (event.type !== 'delta') continue;
        const [choice] = event.chunk?.choices as {
          delta: { tool_calls?: { function: { name?: string; arguments: string } }[] };
          finish_reason: string | null;
        }[];
        for (const call of choice?.delta.tool_calls ?? []) {
          name ??= call.function.name;
          args += call.function.arguments;
        }
        finish = choice?.finish_reason ?? finish;
      }
      expect(name).toBe(whole?.[0]?.function.name);
      expect(args).toBe(whole?.[0]?.function.arguments);
      expect(finish).toBe('tool_calls');
    });
  });
});
