import { type FakeChoice, FakeUpstream, type UpstreamBehaviour } from '../../../../test/support/fake-openai-upstream';
import type { RunningApp } from '../../../../test/support/start-app';
import { startLlmApp } from '../llm-app.harness';

/**
 * Where a client check runs: through the relay (llm-app → a fake upstream
 * that speaks OpenAI's wire format and records what it received) or against
 * the simulator (the keyless default). The same assertions hold for both.
 */
export interface CompatTarget {
  readonly name: 'relay' | 'simulator';
  /** The public model name the client asks for. */
  readonly model: string;
}

export const TARGETS: readonly CompatTarget[] = [
  { name: 'relay', model: 'relay' },
  { name: 'simulator', model: 'simulated' },
];

/** The model name the fake upstream gets for the public "relay". */
export const UPSTREAM_MODEL = 'gpt-upstream';
/** The gateway's retries per upstream call (LLM_UPSTREAM_MAX_RETRIES): a persistent failure costs 1 + this many upstream attempts. */
export const GATEWAY_MAX_RETRIES = 2;
/** The gateway's own upstream key: it must never reach a client. */
export const GATEWAY_UPSTREAM_KEY = 'sk-gateway-secret-0000';

export interface CompatRig {
  readonly app: RunningApp;
  readonly upstream: FakeUpstream;
  readonly baseUrl: string;
  /** Scripts the fake upstream for a relay check; the simulator needs no script. */
  script(target: CompatTarget, ...behaviours: UpstreamBehaviour[]): void;
  close(): Promise<void>;
}

/**
 * One llm-app serving both targets: "relay" goes to the fake upstream (two
 * gateway retries, a breaker that does not open during the suite), every
 * other model to the simulator.
 */
export async function startCompatRig(env: Record<string, string> = {}): Promise<CompatRig> {
  const upstream = await FakeUpstream.start();
  const app = await startLlmApp({
    env: {
      LLM_UPSTREAM_BASE_URL: upstream.baseUrl,
      LLM_UPSTREAM_NAME: 'fake',
      LLM_UPSTREAM_MODELS: `relay=${UPSTREAM_MODEL}`,
      LLM_UPSTREAM_API_KEY: GATEWAY_UPSTREAM_KEY,
      LLM_UPSTREAM_MAX_RETRIES: String(GATEWAY_MAX_RETRIES),
      LLM_CIRCUIT_BREAKER_FAILURES: '1000',
      ...env,
    },
  });
  return {
    app,
    upstream,
    baseUrl: `${app.baseUrl}/v1`,
    script(target, ...behaviours) {
      upstream.answer(...(target.name === 'relay' ? behaviours : [{ kind: 'ok' as const }]));
    },
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}

export const WEATHER_TOOL_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city', 'unit'],
  additionalProperties: false,
};

export const PERSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
};

/** What a relay check's upstream answers: a tool call, a text, a JSON text. */
export const toolCallReply = (id = 'call_weather_1'): UpstreamBehaviour => ({
  kind: 'reply',
  choices: [
    {
      content: null,
      toolCalls: [{ id, name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }],
      finishReason: 'tool_calls',
    },
  ],
});

export const textReply = (
  content: string,
  extra: Partial<FakeChoice> = {},
  headers: Readonly<Record<string, string>> = {},
): UpstreamBehaviour => ({ kind: 'reply', choices: [{ content, finishReason: 'stop', ...extra }], headers });

export const personReply: UpstreamBehaviour = textReply('{"name":"Ada","age":36}');

/** The weather tool's arguments, as a check expects them whatever the target. */
export function isWeatherArguments(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const args = value as Record<string, unknown>;
  return typeof args.city === 'string' && (args.unit === 'celsius' || args.unit === 'fahrenheit');
}

export function isPerson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const person = value as Record<string, unknown>;
  return typeof person.name === 'string' && Number.isInteger(person.age) && Object.keys(person).length === 2;
}
