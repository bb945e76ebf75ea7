import { z } from 'zod';
import { envBoolean, envInt, envList, envOptionalString, envOptionalUrl } from './env-parsers';

/** USD per 1 million tokens, by token type. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

const modelPrices = z.record(
  z.string().min(1),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict(),
);

/** LLM_PRICES: JSON `{"model":{"input":0.15,"output":0.6}}`; unset means every model costs 0. */
const envPrices = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): Readonly<Record<string, ModelPrice>> => {
      if (value === undefined || value === '') return {};
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON like {"model":{"input":0.15,"output":0.6}}' });
        return z.NEVER;
      }
      const parsed = modelPrices.safeParse(json);
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected {"<model>":{"input":<USD per 1M tokens>,"output":<USD per 1M tokens>}}',
        });
        return z.NEVER;
      }
      return parsed.data;
    });

/** llm-app's variables: the default model, the simulator's pace, conversation memory, the upstream provider and telemetry. */
export const llmEnvShape = {
  LLM_DEFAULT_MODEL: z.string().trim().min(1).default('simulated'),
  LLM_SIMULATED_MODELS: envList(),
  LLM_SIMULATED_TTFT_MS: envInt(150, 0, 60_000),
  LLM_SIMULATED_TOKENS_PER_SECOND: envInt(80, 1, 1_000_000),
  LLM_CONVERSATION_TTL_SECONDS: envInt(3_600, 60, 604_800),
  LLM_CONVERSATION_MAX_MESSAGES: envInt(20, 2, 200),
  /** 0 switches the exact-match response cache off. */
  LLM_RESPONSE_CACHE_TTL_SECONDS: envInt(0, 0, 604_800),
  /** Tokens each client may spend per window; 0 is no budget. */
  LLM_TOKEN_BUDGET_PER_WINDOW: envInt(0, 0, 1_000_000_000),
  LLM_TOKEN_BUDGET_WINDOW_SECONDS: envInt(3_600, 1, 2_592_000),
  /** SHA-256 (hex) of each API key llm-app accepts; the keys themselves are never configured. */
  LLM_API_KEY_SHA256: envList().superRefine((hashes, ctx) => {
    const bad = hashes.filter((hash) => !/^[0-9a-f]{64}$/i.test(hash));
    if (bad.length > 0)
      ctx.addIssue({ code: 'custom', message: `${bad.length} entries are not 64-character hex SHA-256 digests` });
  }),
  LLM_PRICES: envPrices(),
  LLM_TRACE_BUFFER_SIZE: envInt(200, 1, 10_000),
  LLM_CAPTURE_CONTENT: envBoolean(false),
  LLM_UPSTREAM_BASE_URL: envOptionalUrl(['http', 'https']),
  LLM_UPSTREAM_API_KEY: envOptionalString(),
  LLM_UPSTREAM_NAME: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
    .refine((name) => name !== 'simulated', '"simulated" is the simulator’s name')
    .default('upstream'),
  LLM_UPSTREAM_MODELS: envList().pipe(
    z.array(z.string().regex(/^[^=]+(=[^=]+)?$/, 'expected "public=upstream" or a name')),
  ),
  LLM_UPSTREAM_TIMEOUT_MS: envInt(60_000, 50, 600_000),
  /** Longest silence between two chunks of a stream that has started. */
  LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS: envInt(30_000, 50, 600_000),
  LLM_UPSTREAM_MAX_RETRIES: envInt(2, 0, 10),
  LLM_CIRCUIT_BREAKER_FAILURES: envInt(5, 1, 1_000),
  LLM_CIRCUIT_BREAKER_COOLDOWN_MS: envInt(30_000, 10, 3_600_000),
  LLM_MODEL_FALLBACKS: envList().pipe(z.array(z.string().regex(/^[^=]+=[^=]+$/, 'expected "model=provider"'))),
};

type LlmEnv = { [K in keyof typeof llmEnvShape]: z.output<(typeof llmEnvShape)[K]> };

/** "public=upstream" pairs or plain names (served under the same name) as [public, upstream]. */
function modelPairs(entries: readonly string[]): [string, string][] {
  return entries.map((entry) => {
    const [publicName = '', upstreamName] = entry.split('=').map((part) => part.trim());
    return [publicName, upstreamName ?? publicName];
  });
}

export function toLlmConfig(env: LlmEnv) {
  return {
    defaultModel: env.LLM_DEFAULT_MODEL,
    simulated: {
      models: env.LLM_SIMULATED_MODELS.length > 0 ? env.LLM_SIMULATED_MODELS : ['simulated'],
      timeToFirstTokenMs: env.LLM_SIMULATED_TTFT_MS,
      tokensPerSecond: env.LLM_SIMULATED_TOKENS_PER_SECOND,
    },
    responseCacheTtlSeconds: env.LLM_RESPONSE_CACHE_TTL_SECONDS,
    tokenBudget: { perWindow: env.LLM_TOKEN_BUDGET_PER_WINDOW, windowSeconds: env.LLM_TOKEN_BUDGET_WINDOW_SECONDS },
    apiKeyHashes: env.LLM_API_KEY_SHA256.map((hash) => hash.toLowerCase()),
    conversation: {
      ttlSeconds: env.LLM_CONVERSATION_TTL_SECONDS,
      maxMessages: env.LLM_CONVERSATION_MAX_MESSAGES,
    },
    prices: env.LLM_PRICES,
    telemetry: {
      /** Traces kept in memory for GET /traces. */
      traceBufferSize: env.LLM_TRACE_BUFFER_SIZE,
      /** Prompts and replies in spans and logs: off, as they may hold personal data. */
      captureContent: env.LLM_CAPTURE_CONTENT,
    },
    upstream:
      env.LLM_UPSTREAM_BASE_URL === undefined
        ? undefined
        : {
            name: env.LLM_UPSTREAM_NAME,
            // Trailing slashes dropped so paths can be appended as `${baseUrl}/chat/completions`.
            baseUrl: env.LLM_UPSTREAM_BASE_URL.replace(/\/+$/, ''),
            apiKey: env.LLM_UPSTREAM_API_KEY,
            /** Public model name → the name the upstream knows it by. */
            models: new Map(modelPairs(env.LLM_UPSTREAM_MODELS)),
            timeoutMs: env.LLM_UPSTREAM_TIMEOUT_MS,
            streamIdleTimeoutMs: env.LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS,
            maxRetries: env.LLM_UPSTREAM_MAX_RETRIES,
            circuitBreaker: {
              failureThreshold: env.LLM_CIRCUIT_BREAKER_FAILURES,
              cooldownMs: env.LLM_CIRCUIT_BREAKER_COOLDOWN_MS,
            },
          },
    /** Public model name → provider names to try, in order, after the model's own provider failed. */
    fallbacks: modelPairs(env.LLM_MODEL_FALLBACKS).reduce((byModel, [model, provider]) => {
      byModel.set(model, [...(byModel.get(model) ?? []), provider]);
      return byModel;
    }, new Map<string, string[]>()),
  };
}
