import fc from 'fast-check';
import { type AppIdentity, ENV_NAMES, SECRET_ENV_NAMES, secretEnvNamesFor } from './app-config.schema';
import { ConfigValidationError } from './config.error';
import { loadConfig } from './load-config';

const APP: AppIdentity = { name: 'demo-app', defaultPort: 8080, usesDatabase: true, issuesTokens: false };
const PRODUCTION_OK = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:s3cr3t-Value@db:5432/app',
  REDIS_URL: 'redis://:An0ther-Secret@redis:6379',
  AUTH_JWKS_URL: 'http://sample-app:8080/.well-known/jwks.json',
};

function problemsOf(env: Record<string, string>, app: AppIdentity = APP): readonly string[] {
  try {
    loadConfig(env, app);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
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

  describe('LLM gateway (item summaries)', () => {
    it('asks the llm-app of the same workstation outside production, and nothing in production unless told', () => {
      expect(loadConfig({}, APP).llmGateway).toMatchObject({ url: 'http://127.0.0.1:8081', model: 'simulated' });
      expect(loadConfig(PRODUCTION_OK, APP).llmGateway.url).toBeUndefined();
      const url = 'http://llm-app.apps.svc.cluster.local:8081';
      expect(loadConfig({ ...PRODUCTION_OK, LLM_GATEWAY_URL: url }, APP).llmGateway.url).toBe(url);
    });

    it('refuses a gateway URL that is not http(s) and a timeout outside 100 ms to 10 minutes', () => {
      expect(problemsOf({ LLM_GATEWAY_URL: 'ftp://llm', LLM_GATEWAY_TIMEOUT_MS: '5' })).toEqual([
        expect.stringMatching(/^LLM_GATEWAY_URL: must use one of the schemes http, https/),
        expect.stringMatching(/^LLM_GATEWAY_TIMEOUT_MS: expected an integer from 100 to 600000/),
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

    it('refuses a gateway (an app that issues no tokens) with no way to authenticate callers', () => {
      const { AUTH_JWKS_URL: _unused, ...withoutJwks } = PRODUCTION_OK;
      expect(problemsOf(withoutJwks)).toEqual([expect.stringMatching(/^AUTH_JWKS_URL or LLM_API_KEY_SHA256: /)]);
      expect(problemsOf({ ...withoutJwks, LLM_API_KEY_SHA256: 'ab'.repeat(32) })).toEqual([]);
    });

    it('refuses LLM_API_KEY_SHA256 entries that are not SHA-256 digests', () => {
      expect(problemsOf({ LLM_API_KEY_SHA256: 'plain-key' })).toEqual([expect.stringMatching(/^LLM_API_KEY_SHA256: /)]);
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

describe('SECRET_ENV_NAMES', () => {
  it('names only variables the schema knows', () => {
    for (const name of SECRET_ENV_NAMES) expect(ENV_NAMES).toContain(name);
  });
});

describe(secretEnvNamesFor.name, () => {
  it("gives an app only the secrets it reads: the gateway key to llm-app's caller, the upstream key to llm-app", () => {
    expect(secretEnvNamesFor({ ...APP, callsLlmGateway: true })).toContain('LLM_GATEWAY_API_KEY');
    expect(secretEnvNamesFor(APP)).not.toContain('LLM_GATEWAY_API_KEY');
    expect(secretEnvNamesFor(APP)).not.toContain('LLM_UPSTREAM_API_KEY');
    expect(secretEnvNamesFor({ ...APP, callsLlmUpstream: true })).toContain('LLM_UPSTREAM_API_KEY');
  });
});
