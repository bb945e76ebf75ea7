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
import { llmEnvShape, toLlmConfig } from './llm-env';
import { llmGatewayEnvShape, toLlmGatewayConfig } from './llm-gateway-env';
import { normalizePem, parseRsaPrivateKey, parseRsaPublicKeys } from './pem-key';
import { isPlaceholderSecret, urlPassword } from './placeholder-secret';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What the loader needs to know about the app it configures. */
export interface AppIdentity {
  /** Service name, used in logs, metrics, /info and the default SQLite file name. */
  readonly name: string;
  /** Port used when PORT is unset. */
  readonly defaultPort: number;
  /** Whether this app keeps data in a database (and so needs DATABASE_URL in production). */
  readonly usesDatabase: boolean;
  /** Whether this app signs access tokens (and so needs AUTH_JWT_PRIVATE_KEY in production). */
  readonly issuesTokens: boolean;
  /** Whether the app traces even with no OTLP endpoint (llm-app keeps recent traces in memory for /traces). */
  readonly tracesWithoutExporter?: boolean;
  /** Whether this app can call an LLM upstream (and so reads LLM_UPSTREAM_API_KEY). */
  readonly callsLlmUpstream?: boolean;
  /** Whether this app asks llm-app for completions (and so reads LLM_GATEWAY_API_KEY). */
  readonly callsLlmGateway?: boolean;
}

/** Facts about the process the loader cannot read from the environment. */
export interface ProcessFacts {
  readonly stdoutIsTty: boolean;
}

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

/** Every variable the apps read, by its environment name. */
export const envSchema = z.object({
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
  IDEMPOTENCY_KEY_TTL_SECONDS: envInt(86_400, 1, 604_800),

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
  ADMIN_EMAIL: envOptionalString().pipe(z.email().optional()),
  ADMIN_PASSWORD: envOptionalString().pipe(z.string().min(12, 'must be at least 12 characters').optional()),

  RATE_LIMIT_WINDOW_SECONDS: envInt(60, 1, 3_600),
  RATE_LIMIT_MAX_REQUESTS: envInt(300, 1, 1_000_000),
  RATE_LIMIT_AUTH_MAX_REQUESTS: envInt(10, 1, 10_000),

  ...llmEnvShape,
  ...llmGatewayEnvShape,

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

export type RawEnv = z.input<typeof envSchema>;

/** Every variable the apps read, by name: what a deployment may set. */
export const ENV_NAMES = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[];

/**
 * Variables that carry credentials. Deployments deliver them from a Secret,
 * never a ConfigMap; production refuses placeholder values in them.
 */
export const SECRET_ENV_NAMES: readonly (keyof typeof envSchema.shape)[] = [
  'DATABASE_URL',
  'REDIS_URL',
  'AUTH_JWT_PRIVATE_KEY',
  'ADMIN_PASSWORD',
  'LLM_API_KEY_SHA256',
  'LLM_UPSTREAM_API_KEY',
  'LLM_UPSTREAM_API_KEYS',
  'LLM_GATEWAY_API_KEY',
];

/** The secret variables one app reads, so a deployment declares exactly these in its Secret. */
export function secretEnvNamesFor(app: AppIdentity): (keyof typeof envSchema.shape)[] {
  return SECRET_ENV_NAMES.filter((name) => {
    if (name === 'DATABASE_URL') return app.usesDatabase;
    if (name === 'AUTH_JWT_PRIVATE_KEY' || name === 'ADMIN_PASSWORD') return app.issuesTokens;
    if (name === 'LLM_API_KEY_SHA256') return !app.issuesTokens;
    if (name === 'LLM_UPSTREAM_API_KEY' || name === 'LLM_UPSTREAM_API_KEYS') return app.callsLlmUpstream === true;
    if (name === 'LLM_GATEWAY_API_KEY') return app.callsLlmGateway === true;
    return true;
  });
}

type ParsedEnv = z.output<typeof envSchema>;

/** Cross-field rules; returns "VARIABLE: problem" lines. */
export function productionProblems(env: ParsedEnv, app: AppIdentity): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (app.usesDatabase && env.DATABASE_URL === undefined) {
    problems.push(
      'DATABASE_URL: required when NODE_ENV=production (the embedded SQLite database is for local development only)',
    );
  }
  if (env.REDIS_URL === undefined) {
    problems.push(
      'REDIS_URL: required when NODE_ENV=production (rate limits and the cache must be shared by every replica)',
    );
  }
  if (app.issuesTokens && env.AUTH_JWT_PRIVATE_KEY === undefined) {
    problems.push(
      'AUTH_JWT_PRIVATE_KEY: required when NODE_ENV=production (without it each replica would sign with its own throwaway key)',
    );
  }
  if (!app.issuesTokens && env.AUTH_JWKS_URL === undefined && env.LLM_API_KEY_SHA256.length === 0) {
    problems.push(
      'AUTH_JWKS_URL or LLM_API_KEY_SHA256: at least one is required when NODE_ENV=production (otherwise every request would be anonymous)',
    );
  }
  if (env.ADMIN_PASSWORD !== undefined && isPlaceholderSecret(env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_PASSWORD: is a placeholder; set a real secret in production');
  }
  if (env.LOG_FORMAT === 'pretty') {
    problems.push('LOG_FORMAT: "pretty" is for a developer terminal; production logs must be JSON');
  }
  for (const name of ['DATABASE_URL', 'REDIS_URL'] as const) {
    const value = env[name];
    const password = value === undefined ? undefined : urlPassword(value);
    if (password !== undefined && isPlaceholderSecret(password)) {
      problems.push(`${name}: the password is a placeholder; set a real secret in production`);
    }
  }
  return problems;
}

export function toAppConfig(env: ParsedEnv, app: AppIdentity, facts: ProcessFacts) {
  const production = env.NODE_ENV === 'production';
  return {
    app: {
      name: app.name,
      env: env.NODE_ENV,
      podName: env.POD_NAME,
      podNamespace: env.POD_NAMESPACE,
    },
    http: {
      // Loopback by default on a workstation; containers listen on every interface.
      host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      // PORT=0 asks the OS for a free port (used by tests that run several instances).
      port: env.PORT ?? app.defaultPort,
      bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
      /** Deepest JSON body (objects and arrays nested) accepted, checked before parsing. */
      jsonMaxDepth: env.HTTP_JSON_MAX_DEPTH,
      timeouts: {
        /** A client must finish sending the request line and headers within this (never more than requestMs). */
        headersMs: Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
        /** A client must finish sending the whole request (headers and body) within this. */
        requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
        /** An idle keep-alive connection is closed after this (longer than a load balancer's idle timeout). */
        keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      },
      /** Routes under these path prefixes take bodies up to their own limit instead (llm-app's /v1/ API). */
      routeBodyLimits:
        app.callsLlmUpstream === true ? [{ pathPrefix: '/v1/', bytes: env.LLM_API_BODY_LIMIT_BYTES }] : [],
      trustProxy: env.HTTP_TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS,
      drainDelayMs: env.SHUTDOWN_DRAIN_DELAY_MS,
      // From SIGTERM: streams still open are ended in-band, and the process exits, before the grace period.
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    },
    log: {
      level: env.LOG_LEVEL,
      pretty: (env.LOG_FORMAT ?? (!production && facts.stdoutIsTty ? 'pretty' : 'json')) === 'pretty',
    },
    database:
      env.DATABASE_URL !== undefined
        ? {
            type: 'postgres' as const,
            url: env.DATABASE_URL,
            poolSize: env.DATABASE_POOL_SIZE,
            statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
            connectRetries: env.DATABASE_CONNECT_RETRIES,
            connectRetryDelayMs: env.DATABASE_CONNECT_RETRY_DELAY_MS,
            migrationsRun: env.DATABASE_MIGRATIONS_RUN,
          }
        : {
            type: 'sqlite' as const,
            path: env.SQLITE_PATH ?? `data/${app.name}.sqlite`,
            statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
            migrationsRun: env.DATABASE_MIGRATIONS_RUN,
          },
    idempotency: {
      /** How long a stored answer to an Idempotency-Key is replayed; then the key is free again and swept. */
      ttlSeconds: env.IDEMPOTENCY_KEY_TTL_SECONDS,
    },
    cache: {
      redisUrl: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX ?? `${app.name}:`,
      maxEntries: env.CACHE_MAX_ENTRIES,
      defaultTtlSeconds: env.CACHE_DEFAULT_TTL_SECONDS,
      operationTimeoutMs: env.CACHE_OPERATION_TIMEOUT_MS,
    },
    metrics: {
      enabled: env.METRICS_ENABLED,
    },
    auth: {
      privateKeyPem: env.AUTH_JWT_PRIVATE_KEY === undefined ? undefined : normalizePem(env.AUTH_JWT_PRIVATE_KEY),
      previousPublicKeysPem:
        env.AUTH_JWT_PREVIOUS_PUBLIC_KEYS === undefined ? undefined : normalizePem(env.AUTH_JWT_PREVIOUS_PUBLIC_KEYS),
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    },
    admin: {
      email: env.ADMIN_EMAIL,
      password: env.ADMIN_PASSWORD,
    },
    llm: toLlmConfig(env),
    llmGateway: toLlmGatewayConfig(env),
    rateLimit: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      maxRequests: env.RATE_LIMIT_MAX_REQUESTS,
      authMaxRequests: env.RATE_LIMIT_AUTH_MAX_REQUESTS,
    },
    tracing: tracingConfig(env, app),
  };
}

/**
 * Tracing runs when asked (TRACING_ENABLED) or, by default, when there is somewhere to
 * send spans or the app keeps its own; OTEL_SDK_DISABLED always wins. Production samples
 * 10 % of new traces.
 */
function tracingConfig(env: ParsedEnv, app: AppIdentity) {
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const byDefault = otlpEndpoint !== undefined || app.tracesWithoutExporter === true;
  return {
    enabled: !env.OTEL_SDK_DISABLED && (env.TRACING_ENABLED ?? byDefault),
    otlpEndpoint,
    sampleRatio: env.TRACING_SAMPLE_RATIO ?? (env.NODE_ENV === 'production' ? 0.1 : 1),
    /** OTEL_TRACES_SAMPLER is set: the SDK builds the sampler from the OTEL_* variables. */
    samplerFromEnv: env.OTEL_TRACES_SAMPLER !== undefined,
    deploymentEnvironment: env.DEPLOYMENT_ENVIRONMENT ?? env.NODE_ENV,
    /** Resource attributes the operator set (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME): the app's own do not override them. */
    operatorAttributeKeys: operatorAttributeKeys(env),
  };
}

function operatorAttributeKeys(env: ParsedEnv): readonly string[] {
  const keys = new Set(
    (env.OTEL_RESOURCE_ATTRIBUTES ?? '')
      .split(',')
      .map((pair) => pair.split('=')[0]?.trim() ?? '')
      .filter((key) => key.length > 0),
  );
  if (env.OTEL_SERVICE_NAME !== undefined) keys.add('service.name');
  return [...keys];
}

export type AppConfigValues = ReturnType<typeof toAppConfig>;
