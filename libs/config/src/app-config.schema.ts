import type { AppIdentity, ProcessFacts } from './app-identity';
import { normalizePem } from './pem-key';
import { isPlaceholderSecret, urlPassword } from './placeholder-secret';
import type { SharedEnv } from './shared-env';

/** Cross-field rules of the shared groups; returns "VARIABLE: problem" lines. */
export function productionProblems(env: SharedEnv, app: AppIdentity): string[] {
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

export function toAppConfig(env: SharedEnv, app: AppIdentity, facts: ProcessFacts) {
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
      routeBodyLimits: app.env?.routeBodyLimits(env) ?? [],
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
function tracingConfig(env: SharedEnv, app: AppIdentity) {
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

function operatorAttributeKeys(env: SharedEnv): readonly string[] {
  const keys = new Set(
    (env.OTEL_RESOURCE_ATTRIBUTES ?? '')
      .split(',')
      .map((pair) => pair.split('=')[0]?.trim() ?? '')
      .filter((key) => key.length > 0),
  );
  if (env.OTEL_SERVICE_NAME !== undefined) keys.add('service.name');
  return [...keys];
}

/** The shared sections of every app's configuration object. */
export type AppConfigValues = ReturnType<typeof toAppConfig>;
