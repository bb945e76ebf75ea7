import fc from 'fast-check';
import { z } from 'zod';
import { defineAppEnv } from './app-env';
import type { AppIdentity } from './app-identity';
import { envInt, envOptionalUrl } from './env-parsers';
import { envNamesFor, secretEnvNamesFor } from './env-names';
import { configProblems, loadConfig } from './load-config';
import { SHARED_ENV_NAMES, SHARED_SECRET_ENV_NAMES } from './shared-env';

const APP: AppIdentity = { name: 'demo-app', defaultPort: 8080, usesDatabase: true, issuesTokens: false };
const PRODUCTION_OK = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:s3cr3t-Value@db:5432/app',
  REDIS_URL: 'redis://:An0ther-Secret@redis:6379',
  AUTH_JWKS_URL: 'http://sample-app:8080/.well-known/jwks.json',
};

function problemsOf(env: Record<string, string>, app: AppIdentity = APP): readonly string[] {
  return configProblems(env, app);
}

describe(loadConfig.name, () => {
  it('gives working defaults for an empty environment: loopback, app port, SQLite under data/, memory cache', () => {
    const config = loadConfig({}, APP);
    expect(config.app).toMatchObject({ name: 'demo-app', env: 'development' });
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 8080, trustProxy: false, drainDelayMs: 5_000 });
    expect(config.database).toMatchObject({ type: 'sqlite', path: 'data/demo-app.sqlite', migrationsRun: true });
    expect(config.cache).toMatchObject({ redisUrl: undefined, keyPrefix: 'demo-app:' });
    expect(config.log).toMatchObject({ level: 'info', pretty: false });
  });

  it('listens on every interface in production, where the container network needs it', () => {
    expect(loadConfig(PRODUCTION_OK, APP).http.host).toBe('0.0.0.0');
  });

  it('selects PostgreSQL with pool and timeout settings when DATABASE_URL is set', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgresql://u@localhost/db', DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '2500' },
      APP,
    );
    expect(config.database).toMatchObject({ type: 'postgres', poolSize: 25, statementTimeoutMs: 2_500 });
  });

  it('names every bad variable at once instead of stopping at the first', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      METRICS_ENABLED: 'maybe',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: expected an integer/),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^DATABASE_URL: must use one of the schemes postgres, postgresql/),
        expect.stringMatching(/^METRICS_ENABLED: expected true or false/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('refuses HTTP_TRUST_PROXY=true, which would let any client forge its address', () => {
    expect(problemsOf({ HTTP_TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^HTTP_TRUST_PROXY: /)]);
  });

  it('refuses an HTTP_TRUST_PROXY hop count, which Fastify 5 would silently ignore', () => {
    expect(problemsOf({ HTTP_TRUST_PROXY: '1' })).toEqual([expect.stringMatching(/^HTTP_TRUST_PROXY: a hop count/)]);
  });

  it('reads HTTP_TRUST_PROXY as an address list', () => {
    expect(loadConfig({ HTTP_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, APP).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('accepts every port from 0 to 65535 and refuses anything outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65_535 }), (port) => {
        expect(loadConfig({ PORT: String(port) }, APP).http.port).toBe(port);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 65_536 })), (port) => {
        expect(problemsOf({ PORT: String(port) })).toEqual([expect.stringMatching(/^PORT: /)]);
      }),
    );
  });

  it('returns a frozen object: nothing can change configuration after boot', () => {
    const config = loadConfig({}, APP);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  describe('tracing', () => {
    it('is off without an OTLP endpoint, and on with one, sampling everything outside production', () => {
      expect(loadConfig({}, APP).tracing).toMatchObject({ enabled: false, sampleRatio: 1 });
      const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318' }, APP);
      expect(config.tracing).toMatchObject({ enabled: true, otlpEndpoint: 'http://tempo:4318', sampleRatio: 1 });
    });

    it('samples 10 % of new traces in production unless TRACING_SAMPLE_RATIO says otherwise', () => {
      expect(loadConfig(PRODUCTION_OK, APP).tracing.sampleRatio).toBe(0.1);
      expect(loadConfig({ ...PRODUCTION_OK, TRACING_SAMPLE_RATIO: '0.25' }, APP).tracing.sampleRatio).toBe(0.25);
    });

    it('lets TRACING_ENABLED and OTEL_SDK_DISABLED switch it, OTEL_SDK_DISABLED winning', () => {
      expect(loadConfig({ TRACING_ENABLED: 'true' }, APP).tracing.enabled).toBe(true);
      const endpoint = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces' };
      expect(loadConfig({ ...endpoint, TRACING_ENABLED: 'false' }, APP).tracing.enabled).toBe(false);
      expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true', TRACING_ENABLED: 'true' }, APP).tracing.enabled).toBe(
        false,
      );
    });

    it('names the resource attributes the operator set through OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME', () => {
      expect(loadConfig({}, APP).tracing.operatorAttributeKeys).toEqual([]);
      const env = { OTEL_RESOURCE_ATTRIBUTES: 'k8s.pod.name=p1, team = core,,', OTEL_SERVICE_NAME: 'renamed' };
      expect(loadConfig(env, APP).tracing.operatorAttributeKeys).toEqual(['k8s.pod.name', 'team', 'service.name']);
    });

    it('refuses a sampling ratio outside 0..1 and an endpoint that is not http(s)', () => {
      expect(problemsOf({ TRACING_SAMPLE_RATIO: '1.5', OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://x:4317' })).toEqual([
        expect.stringMatching(/^TRACING_SAMPLE_RATIO: expected a number from 0 to 1/),
        expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: must use one of the schemes http, https/),
      ]);
    });
  });

  describe('in production', () => {
    it('starts with real secrets', () => {
      expect(problemsOf(PRODUCTION_OK)).toEqual([]);
    });

    it('refuses to start without DATABASE_URL and REDIS_URL', () => {
      expect(problemsOf({ NODE_ENV: 'production', AUTH_JWKS_URL: PRODUCTION_OK.AUTH_JWKS_URL })).toEqual([
        expect.stringMatching(/^DATABASE_URL: required when NODE_ENV=production/),
        expect.stringMatching(/^REDIS_URL: required when NODE_ENV=production/),
      ]);
    });

    it('does not ask for a database an app does not use', () => {
      const problems = problemsOf(
        { NODE_ENV: 'production', REDIS_URL: PRODUCTION_OK.REDIS_URL, AUTH_JWKS_URL: PRODUCTION_OK.AUTH_JWKS_URL },
        {
          ...APP,
          usesDatabase: false,
        },
      );
      expect(problems).toEqual([]);
    });

    it.each(['changeme', 'password', 'local-dev-only', 'CHANGE-ME'])(
      'refuses the placeholder password "%s"',
      (password) => {
        const problems = problemsOf({ ...PRODUCTION_OK, DATABASE_URL: `postgres://app:${password}@db/app` });
        expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: the password is a placeholder/)]);
      },
    );

    it('refuses pretty logs, which need a dev-only package and break log shipping', () => {
      expect(problemsOf({ ...PRODUCTION_OK, LOG_FORMAT: 'pretty' })).toEqual([expect.stringMatching(/^LOG_FORMAT: /)]);
    });
  });
});

/** A fixture app with variables of its own, as an app defines them beside itself. */
const DEMO_ENV = defineAppEnv({
  shape: {
    DEMO_TIMEOUT_MS: envInt(1_000, 10, 60_000),
    DEMO_UPSTREAM_URL: envOptionalUrl(['http', 'https']),
    DEMO_TOKEN: z.string().optional(),
  },
  secrets: ['DEMO_TOKEN'],
  docs: {
    DEMO_TIMEOUT_MS: { default: '1000', meaning: 'demo-app: how long it waits.' },
    DEMO_UPSTREAM_URL: { default: 'unset', meaning: 'demo-app: where it calls.' },
    DEMO_TOKEN: { default: 'unset', meaning: 'demo-app: its credential. Secret.' },
  },
  values: (env) => ({ demo: { timeoutMs: env.DEMO_TIMEOUT_MS, upstreamUrl: env.DEMO_UPSTREAM_URL } }),
  problems: (env) =>
    env.NODE_ENV === 'production' && env.DEMO_UPSTREAM_URL === undefined
      ? ['DEMO_UPSTREAM_URL: required when NODE_ENV=production']
      : [],
  routeBodyLimits: () => [{ pathPrefix: '/demo/', bytes: 4_096 }],
});
const DEMO_APP: AppIdentity<{ demo: { timeoutMs: number; upstreamUrl: string | undefined } }> = {
  ...APP,
  env: DEMO_ENV,
};

describe('an app with variables of its own', () => {
  it('gets its own sections beside the shared ones, in the same frozen object', () => {
    const config = loadConfig({ DEMO_TIMEOUT_MS: '2500', LOG_LEVEL: 'warn' }, DEMO_APP);
    expect(config.demo).toEqual({ timeoutMs: 2_500, upstreamUrl: undefined });
    expect(config.log.level).toBe('warn');
    expect(Object.isFrozen(config.demo)).toBe(true);
  });

  it("names the bad variables of the shared groups and of the app's own in one report", () => {
    const problems = problemsOf({ PORT: 'eighty', DEMO_TIMEOUT_MS: '5', DEMO_UPSTREAM_URL: 'ftp://x' }, DEMO_APP);
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: expected an integer/),
      expect.stringMatching(/^DEMO_TIMEOUT_MS: expected an integer from 10 to 60000/),
      expect.stringMatching(/^DEMO_UPSTREAM_URL: must use one of the schemes http, https/),
    ]);
  });

  it("applies the app's own cross-field rules with the shared production rules", () => {
    expect(problemsOf(PRODUCTION_OK, DEMO_APP)).toEqual(['DEMO_UPSTREAM_URL: required when NODE_ENV=production']);
    expect(problemsOf({ ...PRODUCTION_OK, DEMO_UPSTREAM_URL: 'http://up' }, DEMO_APP)).toEqual([]);
  });

  it("reports the shared production rules before the app's own, in the order of docs/configuration.md", () => {
    const { REDIS_URL: _redis, ...withoutRedis } = PRODUCTION_OK;
    expect(problemsOf(withoutRedis, DEMO_APP)).toEqual([
      expect.stringMatching(/^REDIS_URL: required when NODE_ENV=production/),
      'DEMO_UPSTREAM_URL: required when NODE_ENV=production',
    ]);
  });

  it('gives its routes the body limits it asks for, and an app without own variables none', () => {
    expect(loadConfig({}, DEMO_APP).http.routeBodyLimits).toEqual([{ pathPrefix: '/demo/', bytes: 4_096 }]);
    expect(loadConfig({}, APP).http.routeBodyLimits).toEqual([]);
  });

  it("ignores another app's variables, which it does not read", () => {
    expect(problemsOf({ DEMO_TIMEOUT_MS: '5' })).toEqual([]);
  });

  it('may not redefine a shared variable', () => {
    expect(() =>
      defineAppEnv({
        shape: { PORT: envInt(1, 1, 2) },
        docs: { PORT: { default: '1', meaning: 'clash' } },
        values: () => ({}),
      }),
    ).toThrow(/PORT: already a shared variable/);
  });

  it('may not redefine a shared section of the configuration object', () => {
    const clash = defineAppEnv({ shape: {}, docs: {}, values: () => ({ http: {} }) });
    expect(() => loadConfig({}, { ...APP, env: clash })).toThrow(/redefines http/);
  });
});

describe('SHARED_SECRET_ENV_NAMES', () => {
  it('names only variables the shared schema knows', () => {
    for (const name of SHARED_SECRET_ENV_NAMES) expect(SHARED_ENV_NAMES).toContain(name);
  });
});

describe(envNamesFor.name, () => {
  it('gives an app the shared variables, then its own', () => {
    expect(envNamesFor(APP)).toEqual([...SHARED_ENV_NAMES]);
    expect(envNamesFor(DEMO_APP)).toEqual([...SHARED_ENV_NAMES, 'DEMO_TIMEOUT_MS', 'DEMO_UPSTREAM_URL', 'DEMO_TOKEN']);
  });
});

describe(secretEnvNamesFor.name, () => {
  it('gives an app only the secrets it reads: the shared ones its needs call for, then its own', () => {
    expect(secretEnvNamesFor(APP)).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(secretEnvNamesFor({ ...APP, usesDatabase: false, issuesTokens: true })).toEqual([
      'REDIS_URL',
      'AUTH_JWT_PRIVATE_KEY',
    ]);
    expect(secretEnvNamesFor(DEMO_APP)).toEqual(['DATABASE_URL', 'REDIS_URL', 'DEMO_TOKEN']);
  });
});
