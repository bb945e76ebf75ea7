import type { AppIdentity } from './app-identity';
import type { EnvDoc } from './env-doc';
import { type SharedEnvName, SHARED_ENV_NAMES, sharedEnvSchema } from './shared-env';

/** What each shared variable means and its default as a reader needs it; each app documents its own beside its AppEnv. */
export const ENV_DOCS: Readonly<Record<SharedEnvName, EnvDoc>> = {
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
  RATE_LIMIT_WINDOW_SECONDS: { default: '60', meaning: 'Length of the rate-limit window.' },
  RATE_LIMIT_MAX_REQUESTS: { default: '300', meaning: 'Requests per client per window; then 429 with `Retry-After`.' },
  RATE_LIMIT_AUTH_MAX_REQUESTS: {
    default: '10',
    meaning: 'sample-app: login, register and refresh attempts per client per window.',
  },
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

/** Every variable the given apps read with its docs: the shared groups', then each app's own, in declared order. */
export function envDocRows(apps: readonly AppIdentity[]): [string, EnvDoc][] {
  const rows = new Map<string, EnvDoc>(SHARED_ENV_NAMES.map((name) => [name, ENV_DOCS[name]]));
  for (const app of apps) {
    for (const name of app.env?.names ?? []) {
      const doc = app.env?.docs[name];
      // A variable two apps both read is shown once, as the first of them documents it.
      if (doc !== undefined && !rows.has(name)) rows.set(name, doc);
    }
  }
  return [...rows];
}

/** The "| variable | default | meaning |" table of every variable the given apps read (the app registry's, for the docs). */
export function envTableMarkdown(apps: readonly AppIdentity[]): string {
  const rows = envDocRows(apps).map(([name, doc]) => `| \`${name}\` | ${cell(doc.default)} | ${cell(doc.meaning)} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The schema's defaults (what an empty environment parses to) for one app, by variable: the docs must show them. */
export function schemaDefaults(app?: AppIdentity): Readonly<Record<string, unknown>> {
  return (app?.env === undefined ? sharedEnvSchema : sharedEnvSchema.extend(app.env.shape)).parse({});
}

export const ENV_TABLE_START =
  '<!-- env-table:start (generated by npm run docs:config from the shared and per-app config schemas; do not edit) -->';
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

/** `markdown` with the table between the markers replaced by the current one of `apps`. */
export function withEnvTable(markdown: string, apps: readonly AppIdentity[]): string {
  const start = markdown.indexOf(ENV_TABLE_START);
  const end = markdown.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`the env-table markers are missing: ${ENV_TABLE_START} … ${ENV_TABLE_END}`);
  return `${markdown.slice(0, start + ENV_TABLE_START.length)}\n\n${envTableMarkdown(apps)}\n\n${markdown.slice(end)}`;
}
