import type { EnvDoc } from '@app/config';
import type { llmEnvShape } from './llm-env';

/** What each of llm-app's own variables means and its default as a reader needs it (the generated docs show them). */
export const LLM_ENV_DOCS: { readonly [Name in keyof typeof llmEnvShape]: EnvDoc } = {
  LLM_DEFAULT_MODEL: { default: '`simulated`', meaning: 'llm-app: the model `POST /chat` uses and `/ready` checks.' },
  LLM_SIMULATED_MODELS: { default: '`simulated`', meaning: 'llm-app: model names the built-in simulator answers to.' },
  LLM_SIMULATED_TTFT_MS: { default: '150', meaning: "llm-app: the simulator's time to first token." },
  LLM_SIMULATED_TOKENS_PER_SECOND: { default: '80', meaning: "llm-app: the simulator's output rate." },
  LLM_CONVERSATION_TTL_SECONDS: {
    default: '3600',
    meaning: 'llm-app: how long `POST /chat` keeps a conversation after its last message.',
  },
  LLM_CONVERSATION_MAX_MESSAGES: { default: '20', meaning: 'llm-app: messages of history kept per conversation.' },
  LLM_RESPONSE_CACHE_TTL_SECONDS: {
    default: '0 (off)',
    meaning: 'llm-app: how long an exact-match `temperature: 0` completion is kept for repeats (`x-cache: hit`).',
  },
  LLM_TOKEN_BUDGET_PER_WINDOW: {
    default: '0 (off)',
    meaning: 'llm-app: tokens each key, user or address may spend per window; then 429 `token_budget_exceeded`.',
  },
  LLM_TOKEN_BUDGET_WINDOW_SECONDS: { default: '3600', meaning: 'llm-app: length of the token-budget window.' },
  LLM_API_KEY_SHA256: {
    default: 'empty',
    meaning:
      'llm-app: comma-separated SHA-256 (hex) digests of the API keys it accepts (`printf %s "$KEY" | sha256sum`). Secret. With neither this nor `AUTH_JWKS_URL`, auth is off (a warning at boot; refused in production).',
  },
  LLM_PRICES: {
    default: 'unset (every model costs 0)',
    meaning:
      'llm-app: JSON `{"model":{"input":0.15,"output":0.6}}` in USD per 1M tokens, for `llm_estimated_cost_usd_total`.',
  },
  LLM_TRACE_BUFFER_SIZE: { default: '200', meaning: 'llm-app: traces kept in memory for `GET /traces`.' },
  LLM_CAPTURE_CONTENT: {
    default: '`false`',
    meaning: 'llm-app: put prompts and replies into spans and completion logs (they may hold personal data).',
  },
  LLM_API_BODY_LIMIT_BYTES: {
    default: '16777216 (16 MiB)',
    meaning:
      'llm-app: largest request body on the OpenAI-compatible routes (`/v1/\u2026`), room for base64 images, audio and files; larger ones get 413 in the OpenAI error shape. Other routes keep `HTTP_BODY_LIMIT_BYTES`.',
  },
  LLM_MAX_MESSAGES: {
    default: '10000',
    meaning:
      'llm-app: most messages one chat completion may carry (a bound against abuse, not a conversation limit); more is a 400 naming `messages`.',
  },
  LLM_UPSTREAM_BASE_URL: {
    default: 'unset (no upstream)',
    meaning:
      'llm-app: base URL of an OpenAI-compatible upstream, ending before `/chat/completions` (`https://api.openai.com/v1`, `http://vllm:8000/v1`). Enables the `openai-compatible` provider; see [llm-app.md](llm-app.md#providers).',
  },
  LLM_UPSTREAM_API_KEY: {
    default: 'unset',
    meaning: 'llm-app: sent as `Authorization: Bearer …` to the upstream. Secret.',
  },
  LLM_UPSTREAM_NAME: {
    default: '`upstream`',
    meaning:
      "llm-app: the upstream provider's name: `owned_by` in `/v1/models`, `backend` in `/ready`, and what `LLM_MODEL_FALLBACKS` refers to.",
  },
  LLM_UPSTREAM_MODELS: {
    default: 'empty',
    meaning:
      'llm-app: models the upstream serves, comma-separated `public=upstream` pairs or plain names (`gpt-4o-mini,fast=llama3.1:8b`).',
  },
  LLM_UPSTREAM_TIMEOUT_MS: {
    default: '60000',
    meaning:
      'llm-app: longest wait for an upstream answer (all retries included); for a stream, until its first token. Then 504.',
  },
  LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS: {
    default: '30000',
    meaning:
      'llm-app: longest silence between two events of a stream that has started; then the stream ends with an in-band `upstream_timeout` error and the upstream request is cancelled.',
  },
  LLM_UPSTREAM_MAX_RETRIES: {
    default: '2',
    meaning:
      "llm-app: retries after a 429, 5xx or connection error, with jittered exponential backoff or the upstream's `Retry-After` (up to 5 s).",
  },
  LLM_UPSTREAM_RESPONSES_API: {
    default: '`false`',
    meaning:
      "llm-app: whether the upstream serves OpenAI's Responses API (`POST /responses`), so `/v1/responses` is relayed to it; otherwise that endpoint answers 400 `unsupported_model` for its models. The default for `LLM_UPSTREAMS` entries without `responsesApi`.",
  },
  LLM_CIRCUIT_BREAKER_FAILURES: {
    default: '5',
    meaning:
      'llm-app: consecutive failed upstream attempts that open the circuit (calls then fail fast with 503 or fall back).',
  },
  LLM_CIRCUIT_BREAKER_COOLDOWN_MS: {
    default: '30000',
    meaning: 'llm-app: how long the circuit stays open before one probe request is let through.',
  },
  LLM_UPSTREAM_DROP_PARAMS: {
    default: 'empty',
    meaning:
      'llm-app: request fields (comma-separated) removed before the request goes to the `LLM_UPSTREAM_*` upstream, and to `LLM_UPSTREAMS` entries without their own `dropParams`.',
  },
  LLM_UPSTREAM_REFUSE_PARAMS: {
    default: 'empty',
    meaning:
      'llm-app: request fields that upstream must never get: a request carrying one is refused with 400 `unsupported_parameter` naming it (entries: `refuseParams`).',
  },
  LLM_UPSTREAMS: {
    default: '`[]`',
    meaning:
      'llm-app: more OpenAI-compatible upstreams, as JSON: `[{"name":"vllm","baseUrl":"http://vllm:8000/v1","models":["llama=meta-llama/Llama-3.1-8B-Instruct"],"timeoutMs"?,"streamIdleTimeoutMs"?,"maxRetries"?,"dropParams"?,"refuseParams"?,"responsesApi"?}]`. Each takes the `LLM_UPSTREAM_*` timeouts, retries and circuit-breaker settings it does not set; names must be unique.',
  },
  LLM_UPSTREAM_API_KEYS: {
    default: 'empty',
    meaning: 'llm-app: API keys of the `LLM_UPSTREAMS` entries, comma-separated `name=key` pairs. Secret.',
  },
  LLM_MODEL_FALLBACKS: {
    default: 'empty',
    meaning:
      "llm-app: `model=provider` pairs (`gpt-4o-mini=simulated`): providers to try, in order, when the model's own provider is unavailable before the first byte.",
  },
};
