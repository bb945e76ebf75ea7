import { ENV_NAMES, envSchema } from './app-config.schema';

type EnvName = (typeof ENV_NAMES)[number];

export interface EnvDoc {
  /** The default as a reader needs it; must show the schema's own default where it has one. */
  readonly default: string;
  /** What it does; starts with "sample-app:" or "llm-app:" when only one app reads it. */
  readonly meaning: string;
}

/** What each variable means and its default as a reader needs it; docs/configuration.md and docs/QUICKREF.md are generated from it. */
export const ENV_DOCS: Readonly<Record<EnvName, EnvDoc>> = {
  NODE_ENV: {
    default: '`development`',
    meaning: '`development`, `test` or `production`. Production adds the checks below.',
  },
  HOST: {
    default: '`127.0.0.1`; `0.0.0.0` in production',
    meaning: 'Address to listen on. Loopback by default on a workstation.',
  },
  PORT: { default: '8080 (sample-app), 8081 (llm-app)', meaning: 'Port to listen on; `0` picks a free one.' },
  LOG_LEVEL: { default: '`info`', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' },
  LOG_FORMAT: {
    default: '`pretty` in development on a terminal, else `json`',
    meaning: '`json` or `pretty`. Production refuses `pretty`.',
  },
  HTTP_BODY_LIMIT_BYTES: {
    default: '1048576',
    meaning: 'Largest request body accepted; larger ones get 413 problem+json.',
  },
  HTTP_JSON_MAX_DEPTH: {
    default: '64',
    meaning:
      'Deepest nesting of objects and arrays a JSON body may have (2-10000), checked on the raw text before parsing; deeper bodies get 400 `json-too-deep` naming the limit ([0046](decisions/0046-json-body-checked-before-parsing.md)).',
  },
  HTTP_HEADERS_TIMEOUT_MS: {
    default: '10000',
    meaning:
      'A client must send the request line and headers within this, or gets 408 and the connection is closed (also closes connections that send nothing). Never more than `HTTP_REQUEST_TIMEOUT_MS` ([0047](decisions/0047-http-server-timeouts.md)).',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    default: '30000',
    meaning:
      'A client must send the whole request, body included, within this (408 otherwise). Bounds receiving only: a long streamed response is not cut.',
  },
  HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    default: '72000',
    meaning:
      "An idle keep-alive connection is closed after this. Keep it above your load balancer's idle timeout (often 60 s).",
  },
  HTTP_TRUST_PROXY: {
    default: '`false`',
    meaning:
      'Proxies whose `X-Forwarded-For` is believed, as addresses/CIDRs (`10.0.0.0/8,127.0.0.1`). `true` is refused: it would let any client choose its own address (and so its rate-limit identity). A hop count (`1`) is refused too: Fastify 5 ignores it.',
  },
  CORS_ORIGINS: {
    default: 'empty (CORS off)',
    meaning: 'Comma-separated origins allowed to call the API from a browser.',
  },
  SHUTDOWN_DRAIN_DELAY_MS: {
    default: '5000',
    meaning:
      'After SIGTERM, how long the app keeps serving with `/ready` at 503 before it stops accepting connections.',
  },
  SHUTDOWN_DEADLINE_MS: {
    default: '25000',
    meaning:
      'After SIGTERM, when streams still open are ended with an in-band `server_shutting_down` event and remaining sockets closed; the process exits 2 s later at the latest. Keep it under `terminationGracePeriodSeconds` (30 s).',
  },
  POD_NAME: { default: 'unset', meaning: "Set by Kubernetes' downward API; shown by `/info`." },
  POD_NAMESPACE: { default: 'unset', meaning: "Set by Kubernetes' downward API; shown by `/info`." },
  DATABASE_URL: {
    default: 'unset (embedded SQLite)',
    meaning: '`postgres://user:password@host:5432/db`. Required in production for sample-app.',
  },
  SQLITE_PATH: { default: '`data/<app>.sqlite`', meaning: 'The embedded database file when `DATABASE_URL` is unset.' },
  DATABASE_POOL_SIZE: { default: '10', meaning: 'PostgreSQL connections per process.' },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    default: '5000',
    meaning:
      'PostgreSQL `statement_timeout`; the client waits this + 500 ms for any answer (`query_timeout`, a frozen server) and min(this, 3 s) for a connection or a pool slot; then 503 + `Retry-After`. SQLite busy timeout.',
  },
  DATABASE_CONNECT_RETRIES: { default: '10', meaning: 'Connection attempts at boot before giving up (PostgreSQL).' },
  DATABASE_CONNECT_RETRY_DELAY_MS: { default: '1000', meaning: 'Pause between those attempts.' },
  DATABASE_MIGRATIONS_RUN: {
    default: '`true`',
    meaning: 'Apply pending migrations at boot. Kubernetes sets `false` and runs them in a separate step.',
  },
  IDEMPOTENCY_KEY_TTL_SECONDS: {
    default: '86400',
    meaning:
      'sample-app: how long the answer to a create sent with an `Idempotency-Key` is kept and replayed (1 s to 7 days); expired keys are swept and may be used again ([0090](decisions/0090-idempotent-creates-in-the-database.md)).',
  },
  REDIS_URL: {
    default: 'unset (in-process cache)',
    meaning: '`redis://[:password@]host:6379[/db]` or `rediss://`. Required in production.',
  },
  REDIS_KEY_PREFIX: { default: '`<app>:`', meaning: 'Prefix of every key the app writes to Redis.' },
  CACHE_MAX_ENTRIES: { default: '10000', meaning: 'Capacity of the in-process LRU cache.' },
  CACHE_DEFAULT_TTL_SECONDS: { default: '300', meaning: 'TTL for cache entries written without one.' },
  CACHE_OPERATION_TIMEOUT_MS: {
    default: '500',
    meaning:
      'Longest a Redis command may take; past it the cache treats it as a miss, and the rate limit and token budget count in process memory (retrying Redis once a second) until Redis answers again.',
  },
  METRICS_ENABLED: { default: '`true`', meaning: '`false` removes `/metrics` and every collector.' },
  AUTH_JWT_PRIVATE_KEY: {
    default: 'unset (a throwaway key per process)',
    meaning:
      'sample-app: RSA private key (PEM; `\\n` escapes allowed) that signs access tokens (RS256); its public key is served at `/.well-known/jwks.json`. Required in production. Secret.',
  },
  AUTH_JWT_PREVIOUS_PUBLIC_KEYS: {
    default: 'unset',
    meaning:
      'sample-app: PEM public keys of retired signing keys, still accepted and published in the JWKS, so rotating the key logs nobody out.',
  },
  AUTH_JWKS_URL: {
    default: 'unset',
    meaning:
      "llm-app: sample-app's `/.well-known/jwks.json`; access tokens are verified with the keys published there (RS256, issuer and audience as `AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE`).",
  },
  AUTH_JWT_ISSUER: {
    default: '`sample-app`',
    meaning: '`iss` of the access tokens sample-app signs and llm-app accepts.',
  },
  AUTH_JWT_AUDIENCE: {
    default: '`nest-k8s-observability`',
    meaning: '`aud` of the access tokens sample-app signs and llm-app accepts.',
  },
  AUTH_ACCESS_TOKEN_TTL_SECONDS: { default: '900', meaning: 'sample-app: lifetime of an access token (60 to 86400).' },
  AUTH_REFRESH_TOKEN_TTL_SECONDS: {
    default: '1209600 (14 days)',
    meaning: 'sample-app: lifetime of a refresh token (300 to 7776000); each refresh rotates it.',
  },
  ADMIN_EMAIL: { default: 'unset', meaning: 'sample-app: the admin `npm run seed:admin` creates or promotes.' },
  ADMIN_PASSWORD: {
    default: 'unset',
    meaning: "sample-app: that admin's password (at least 12 characters; production refuses placeholders). Secret.",
  },
  RATE_LIMIT_WINDOW_SECONDS: { default: '60', meaning: 'Length of the rate-limit window.' },
  RATE_LIMIT_MAX_REQUESTS: { default: '300', meaning: 'Requests per client per window; then 429 with `Retry-After`.' },
  RATE_LIMIT_AUTH_MAX_REQUESTS: {
    default: '10',
    meaning: 'sample-app: login, register and refresh attempts per client per window.',
  },
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
  LLM_GATEWAY_URL: {
    default: '`http://127.0.0.1:8081`; unset in production',
    meaning:
      'sample-app: base URL of llm-app, asked by `POST /api/v1/items/:id/summary` (its OpenAI API under `/v1`). Unset, summaries answer 503 `llm-gateway-not-configured`.',
  },
  LLM_GATEWAY_MODEL: { default: '`simulated`', meaning: 'sample-app: the llm-app model that writes item summaries.' },
  LLM_GATEWAY_TIMEOUT_MS: {
    default: '30000',
    meaning: "sample-app: longest wait for llm-app's answer; then 504 `llm-gateway-timeout`.",
  },
  LLM_GATEWAY_API_KEY: {
    default: 'unset',
    meaning:
      'sample-app: an llm-app API key, sent for callers whose own credential llm-app cannot verify (sample-app API keys). Signed-in users are passed on with their own access token. Secret.',
  },
  LLM_SUMMARY_MAX_TOKENS: { default: '150', meaning: 'sample-app: `max_tokens` of a summary.' },
  TRACING_ENABLED: {
    default: '`true` when an OTLP endpoint is set, else `false`',
    meaning:
      'OpenTelemetry tracing. Off, the SDK is never loaded. On without an endpoint, spans only give logs and exemplars their ids.',
  },
  TRACING_SAMPLE_RATIO: {
    default: '1; 0.1 in production',
    meaning: "Share of new traces sampled (0 to 1); a caller's sampled `traceparent` is always followed.",
  },
  DEPLOYMENT_ENVIRONMENT: {
    default: '`NODE_ENV`',
    meaning: 'The `deployment.environment.name` resource attribute of traces (`staging`, `production`).',
  },
  OTEL_SDK_DISABLED: { default: '`false`', meaning: '`true` turns tracing off whatever else is set.' },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    default: 'unset (no export)',
    meaning:
      'OTLP/HTTP base URL (`http://tempo:4318`); `/v1/traces` is appended. `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` gives the full URL instead. `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_BSP_*` are honoured.',
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    default: 'unset',
    meaning:
      "Full OTLP/HTTP traces URL (no `/v1/traces` added); wins over `OTEL_EXPORTER_OTLP_ENDPOINT`. `npm start` points sample-app at llm-app's `/traces/otlp` when no tracing variable is set.",
  },
  OTEL_TRACES_SAMPLER: {
    default: 'unset',
    meaning:
      'When set (with `OTEL_TRACES_SAMPLER_ARG`), replaces the parent-based ratio sampler. `OTEL_PROPAGATORS` is honoured too.',
  },
  OTEL_SERVICE_NAME: {
    default: 'unset (the app name)',
    meaning: "Overrides the traces' `service.name`; the app then leaves that attribute to the SDK.",
  },
  OTEL_RESOURCE_ATTRIBUTES: {
    default: 'unset',
    meaning:
      '`key=value,key=value` resource attributes of traces; an attribute named here wins over the one the app sets (`deployment.environment.name`, `k8s.pod.name`).',
  },
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The "| variable | default | meaning |" table of every variable, in the schema's order. */
export function envTableMarkdown(): string {
  const rows = ENV_NAMES.map(
    (name) => `| \`${name}\` | ${cell(ENV_DOCS[name].default)} | ${cell(ENV_DOCS[name].meaning)} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The schema's defaults (what an empty environment parses to), by variable: the docs must show them. */
export function schemaDefaults(): Partial<Record<EnvName, unknown>> {
  return envSchema.parse({});
}

export const ENV_TABLE_START =
  '<!-- env-table:start (generated by npm run docs:config from libs/config; do not edit) -->';
export const ENV_TABLE_END = '<!-- env-table:end -->';

/** A markdown table's cells, row by row, whatever the column padding (Prettier aligns them). */
export function tableCells(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((text) => text.trim()),
    );
}

/** The table between the markers of `markdown`, or undefined without them. */
export function envTableOf(markdown: string): string | undefined {
  const start = markdown.indexOf(ENV_TABLE_START);
  const end = markdown.indexOf(ENV_TABLE_END);
  return start < 0 || end < start ? undefined : markdown.slice(start + ENV_TABLE_START.length, end);
}

/** `markdown` with the table between the markers replaced by the current one. */
export function withEnvTable(markdown: string): string {
  const start = markdown.indexOf(ENV_TABLE_START);
  const end = markdown.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`the env-table markers are missing: ${ENV_TABLE_START} … ${ENV_TABLE_END}`);
  return `${markdown.slice(0, start + ENV_TABLE_START.length)}\n\n${envTableMarkdown()}\n\n${markdown.slice(end)}`;
}
