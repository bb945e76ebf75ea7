import { z } from 'zod';
import { envBoolean, envInt, envJson, envList, envOptionalString, envOptionalUrl } from '@app/config';

/** USD per 1 million tokens, by token type. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

const modelPrices = z.record(
  z.string().min(1),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict(),
);

const providerName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
  .refine((name) => name !== 'simulated', '"simulated" is the simulator’s name');

const modelEntry = z.string().regex(/^[^=]+(=[^=]+)?$/, 'expected "public=upstream" or a name');

/** A top-level Chat Completions request field; the gateway's own (model, messages, stream) cannot be dropped. */
const paramName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a request field name (lower case, digits, underscores)')
  .refine((name) => !['model', 'messages', 'stream'].includes(name), 'the gateway needs model, messages and stream');

/** One more upstream in LLM_UPSTREAMS; what it leaves out comes from the LLM_UPSTREAM_* settings. */
const upstreamEntry = z
  .object({
    name: providerName,
    baseUrl: z.url({ protocol: /^https?$/ }),
    models: z.array(modelEntry).min(1),
    timeoutMs: z.number().int().min(50).max(600_000).optional(),
    streamIdleTimeoutMs: z.number().int().min(50).max(600_000).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    /** Whether the upstream serves OpenAI's Responses API (`POST /responses`); LLM_UPSTREAM_RESPONSES_API when unset. */
    responsesApi: z.boolean().optional(),
    /** Request fields this upstream does not take: removed before the request is sent (LiteLLM's drop_params). */
    dropParams: z.array(paramName).optional(),
    /** Request fields this upstream must not get: a request carrying one is refused with a 400 naming it. */
    refuseParams: z.array(paramName).optional(),
  })
  .strict();
type UpstreamEntry = z.output<typeof upstreamEntry>;

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
  LLM_PRICES: envJson(modelPrices, {}, '{"model":{"input":0.15,"output":0.6}} (USD per 1M tokens)'),
  LLM_TRACE_BUFFER_SIZE: envInt(200, 1, 10_000),
  LLM_CAPTURE_CONTENT: envBoolean(false),
  /** Largest request body on the OpenAI-compatible routes (/v1/…): big enough for base64 images and audio. */
  LLM_API_BODY_LIMIT_BYTES: envInt(16_777_216, 1_024, 104_857_600),
  /** Most messages one chat completion may carry (a bound against abuse, far above real conversations). */
  LLM_MAX_MESSAGES: envInt(10_000, 1, 1_000_000),
  LLM_UPSTREAM_BASE_URL: envOptionalUrl(['http', 'https']),
  LLM_UPSTREAM_API_KEY: envOptionalString(),
  LLM_UPSTREAM_NAME: providerName.default('upstream'),
  LLM_UPSTREAM_MODELS: envList().pipe(z.array(modelEntry)),
  LLM_UPSTREAM_TIMEOUT_MS: envInt(60_000, 50, 600_000),
  /** Longest silence between two chunks of a stream that has started. */
  LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS: envInt(30_000, 50, 600_000),
  LLM_UPSTREAM_MAX_RETRIES: envInt(2, 0, 10),
  /** Whether the upstream serves the Responses API natively; off, /v1/responses refuses its models with a 400. */
  LLM_UPSTREAM_RESPONSES_API: envBoolean(false),
  LLM_CIRCUIT_BREAKER_FAILURES: envInt(5, 1, 1_000),
  LLM_CIRCUIT_BREAKER_COOLDOWN_MS: envInt(30_000, 10, 3_600_000),
  /** Request fields the LLM_UPSTREAM_* upstream (and any LLM_UPSTREAMS entry without its own list) drops. */
  LLM_UPSTREAM_DROP_PARAMS: envList().pipe(z.array(paramName)),
  /** Request fields the LLM_UPSTREAM_* upstream (and any LLM_UPSTREAMS entry without its own list) refuses. */
  LLM_UPSTREAM_REFUSE_PARAMS: envList().pipe(z.array(paramName)),
  /**
   * More upstreams, as JSON:
   * `[{"name","baseUrl","models":[…],"timeoutMs"?,"streamIdleTimeoutMs"?,"maxRetries"?,"dropParams"?,"refuseParams"?,"responsesApi"?}]`.
   */
  LLM_UPSTREAMS: envJson(
    z.array(upstreamEntry),
    [],
    '[{"name":"vllm","baseUrl":"http://vllm:8000/v1","models":["llama=meta-llama/Llama-3.1-8B-Instruct"]}]',
  ),
  /** API keys of the LLM_UPSTREAMS entries: comma-separated `name=key` pairs. */
  LLM_UPSTREAM_API_KEYS: envList().pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]*=\S+$/, 'expected "name=key"'))),
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
    apiBodyLimitBytes: env.LLM_API_BODY_LIMIT_BYTES,
    maxMessages: env.LLM_MAX_MESSAGES,
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
    /** Every openai-compatible upstream: LLM_UPSTREAM_BASE_URL's first, then LLM_UPSTREAMS in order. */
    upstreams: upstreamsOf(env),
    /** Public model name → provider names to try, in order, after the model's own provider failed. */
    fallbacks: modelPairs(env.LLM_MODEL_FALLBACKS).reduce((byModel, [model, provider]) => {
      byModel.set(model, [...(byModel.get(model) ?? []), provider]);
      return byModel;
    }, new Map<string, string[]>()),
  };
}

/** The upstreams' settings, each with its API key and the LLM_UPSTREAM_* values it did not set itself. */
function upstreamsOf(env: LlmEnv) {
  const keys = new Map(upstreamKeyPairs(env.LLM_UPSTREAM_API_KEYS));
  const entries: (UpstreamEntry & { apiKey: string | undefined })[] = env.LLM_UPSTREAMS.map((entry) => ({
    ...entry,
    apiKey: keys.get(entry.name),
  }));
  if (env.LLM_UPSTREAM_BASE_URL !== undefined) {
    entries.unshift({
      name: env.LLM_UPSTREAM_NAME,
      baseUrl: env.LLM_UPSTREAM_BASE_URL,
      models: env.LLM_UPSTREAM_MODELS,
      apiKey: env.LLM_UPSTREAM_API_KEY,
    });
  }
  return entries.map((entry) => ({
    name: entry.name,
    // Trailing slashes dropped so paths can be appended as `${baseUrl}/chat/completions`.
    baseUrl: entry.baseUrl.replace(/\/+$/, ''),
    apiKey: entry.apiKey,
    /** Public model name → the name the upstream knows it by. */
    models: new Map(modelPairs(entry.models)),
    timeoutMs: entry.timeoutMs ?? env.LLM_UPSTREAM_TIMEOUT_MS,
    streamIdleTimeoutMs: entry.streamIdleTimeoutMs ?? env.LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS,
    maxRetries: entry.maxRetries ?? env.LLM_UPSTREAM_MAX_RETRIES,
    responsesApi: entry.responsesApi ?? env.LLM_UPSTREAM_RESPONSES_API,
    /** Request fields removed before sending, and fields that make the gateway refuse the request. */
    dropParams: new Set(entry.dropParams ?? env.LLM_UPSTREAM_DROP_PARAMS),
    refuseParams: new Set(entry.refuseParams ?? env.LLM_UPSTREAM_REFUSE_PARAMS),
    circuitBreaker: {
      failureThreshold: env.LLM_CIRCUIT_BREAKER_FAILURES,
      cooldownMs: env.LLM_CIRCUIT_BREAKER_COOLDOWN_MS,
    },
  }));
}

function upstreamKeyPairs(entries: readonly string[]): [string, string][] {
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
}

/** Rules across the upstream variables; "VARIABLE: problem" lines. */
export function llmProblems(env: LlmEnv): string[] {
  const problems: string[] = [];
  const names = [
    ...(env.LLM_UPSTREAM_BASE_URL === undefined ? [] : [env.LLM_UPSTREAM_NAME]),
    ...env.LLM_UPSTREAMS.map((entry) => entry.name),
  ];
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (repeated.length > 0) {
    problems.push(
      `LLM_UPSTREAMS: upstream names must be unique (LLM_UPSTREAM_NAME included); repeated: ${repeated.join(', ')}`,
    );
  }
  const listed = new Set(env.LLM_UPSTREAMS.map((entry) => entry.name));
  const strays = upstreamKeyPairs(env.LLM_UPSTREAM_API_KEYS)
    .map(([name]) => name)
    .filter((name) => !listed.has(name));
  if (strays.length > 0) problems.push(`LLM_UPSTREAM_API_KEYS: no LLM_UPSTREAMS entry is named ${strays.join(', ')}`);
  return problems;
}
