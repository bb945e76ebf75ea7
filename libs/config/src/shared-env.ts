import { z } from 'zod';
import {
  envBoolean,
  envInt,
  envList,
  envOptionalBoolean,
  envOptionalInt,
  envOptionalRatio,
  envOptionalString,
  envOptionalUrl,
} from './env-parsers';
import { normalizePem, parseRsaPrivateKey, parseRsaPublicKeys } from './pem-key';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const trustProxy = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): false | string[] => {
      if (value === undefined || value === '' || value.toLowerCase() === 'false') return false;
      if (value.toLowerCase() === 'true') {
        ctx.addIssue({
          code: 'custom',
          message: '"true" would trust any client-supplied X-Forwarded-For; give the proxy addresses/CIDRs',
        });
        return z.NEVER;
      }
      // Fastify 5 ignores a hop count (it cannot tell a proxy from a client that sends enough hops,
      // so every address stays the socket's): refused, rather than silently meaning "no proxy".
      if (/^\d+$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `a hop count (${value}) is not supported: give the proxies' addresses or CIDRs (for example the pod range)`,
        });
        return z.NEVER;
      }
      return value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0);
    });

/**
 * The shared groups: the variables the libs act on (HTTP, logging, database, cache, metrics, tokens,
 * rate limits, tracing), by their environment names. An app's own variables live with the app
 * (its AppEnv, docs/decisions/0120) and are parsed together with these.
 */
export const sharedEnvSchema = z.object({
  NODE_ENV: z.enum(NODE_ENVS).default('development'),
  HOST: envOptionalString(),
  PORT: envOptionalInt(0, 65535),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  HTTP_BODY_LIMIT_BYTES: envInt(1_048_576, 1_024, 104_857_600),
  HTTP_JSON_MAX_DEPTH: envInt(64, 2, 10_000),
  HTTP_HEADERS_TIMEOUT_MS: envInt(10_000, 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: envInt(30_000, 100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: envInt(72_000, 100, 600_000),
  HTTP_TRUST_PROXY: trustProxy(),
  CORS_ORIGINS: envList(),
  SHUTDOWN_DRAIN_DELAY_MS: envInt(5_000, 0, 120_000),
  SHUTDOWN_DEADLINE_MS: envInt(25_000, 1_000, 600_000),
  POD_NAME: envOptionalString(),
  POD_NAMESPACE: envOptionalString(),

  DATABASE_URL: envOptionalUrl(['postgres', 'postgresql']),
  SQLITE_PATH: envOptionalString(),
  DATABASE_POOL_SIZE: envInt(10, 1, 200),
  DATABASE_STATEMENT_TIMEOUT_MS: envInt(5_000, 100, 600_000),
  DATABASE_CONNECT_RETRIES: envInt(10, 0, 100),
  DATABASE_CONNECT_RETRY_DELAY_MS: envInt(1_000, 0, 60_000),
  DATABASE_MIGRATIONS_RUN: envBoolean(true),

  REDIS_URL: envOptionalUrl(['redis', 'rediss']),
  REDIS_KEY_PREFIX: envOptionalString(),
  CACHE_MAX_ENTRIES: envInt(10_000, 1, 10_000_000),
  CACHE_DEFAULT_TTL_SECONDS: envInt(300, 1, 604_800),
  CACHE_OPERATION_TIMEOUT_MS: envInt(500, 10, 10_000),

  METRICS_ENABLED: envBoolean(true),

  AUTH_JWT_PRIVATE_KEY: envOptionalString().superRefine((value, ctx) => {
    if (value === undefined) return;
    const parsed = parseRsaPrivateKey(normalizePem(value));
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  }),
  AUTH_JWT_PREVIOUS_PUBLIC_KEYS: envOptionalString().superRefine((value, ctx) => {
    if (value === undefined) return;
    const parsed = parseRsaPublicKeys(normalizePem(value));
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  }),
  AUTH_JWKS_URL: envOptionalUrl(['http', 'https']),
  AUTH_JWT_ISSUER: z.string().trim().min(1).default('sample-app'),
  AUTH_JWT_AUDIENCE: z.string().trim().min(1).default('nest-k8s-observability'),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: envInt(900, 60, 86_400),
  AUTH_REFRESH_TOKEN_TTL_SECONDS: envInt(1_209_600, 300, 7_776_000),

  RATE_LIMIT_WINDOW_SECONDS: envInt(60, 1, 3_600),
  RATE_LIMIT_MAX_REQUESTS: envInt(300, 1, 1_000_000),
  RATE_LIMIT_AUTH_MAX_REQUESTS: envInt(10, 1, 10_000),

  TRACING_ENABLED: envOptionalBoolean(),
  TRACING_SAMPLE_RATIO: envOptionalRatio(),
  DEPLOYMENT_ENVIRONMENT: envOptionalString(),
  // Standard OpenTelemetry variables the apps act on; the SDK reads the rest itself.
  OTEL_SDK_DISABLED: envBoolean(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: envOptionalUrl(['http', 'https']),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: envOptionalUrl(['http', 'https']),
  OTEL_TRACES_SAMPLER: envOptionalString(),
  OTEL_SERVICE_NAME: envOptionalString(),
  OTEL_RESOURCE_ATTRIBUTES: envOptionalString(),
});

/** A variable of the shared groups. */
export type SharedEnvName = keyof typeof sharedEnvSchema.shape;

/** The shared groups as parsed: what every app's own rules and values may also read. */
export type SharedEnv = z.output<typeof sharedEnvSchema>;

/** The shared variables, in the schema's order. */
export const SHARED_ENV_NAMES = Object.keys(sharedEnvSchema.shape) as readonly SharedEnvName[];

/**
 * Shared variables that carry credentials. Deployments deliver them from a Secret, never a
 * ConfigMap; production refuses placeholder values in them. An app names its own in its AppEnv.
 */
export const SHARED_SECRET_ENV_NAMES: readonly SharedEnvName[] = ['DATABASE_URL', 'REDIS_URL', 'AUTH_JWT_PRIVATE_KEY'];
