import { type AppIdentity, configProblems, loadConfig } from '@app/config';
import { LLM_APP_ENV, type LlmAppSections } from './llm-app-env';

const LLM: AppIdentity<LlmAppSections> = {
  name: 'llm',
  defaultPort: 8081,
  usesDatabase: false,
  issuesTokens: false,
  env: LLM_APP_ENV,
};

function problemsOf(env: Record<string, string>, app: AppIdentity<LlmAppSections> = LLM): readonly string[] {
  return configProblems(env, app);
}

describe('llm upstream configuration', () => {
  it('has no upstream unless a base URL is set', () => {
    expect(loadConfig({ LLM_UPSTREAM_MODELS: 'gpt-4o' }, LLM).llm.upstreams).toEqual([]);
  });

  it('reads the model map from public=upstream pairs and plain names, and drops trailing slashes from the URL', () => {
    const [upstream] = loadConfig(
      { LLM_UPSTREAM_BASE_URL: 'http://ollama:11434/v1/', LLM_UPSTREAM_MODELS: 'gpt-4o-mini, llama=llama3.1:8b' },
      LLM,
    ).llm.upstreams;
    expect(upstream?.baseUrl).toBe('http://ollama:11434/v1');
    expect([...(upstream?.models ?? [])]).toEqual([
      ['gpt-4o-mini', 'gpt-4o-mini'],
      ['llama', 'llama3.1:8b'],
    ]);
    expect(upstream).toMatchObject({
      name: 'upstream',
      timeoutMs: 60_000,
      maxRetries: 2,
      circuitBreaker: { failureThreshold: 5, cooldownMs: 30_000 },
    });
  });

  describe('LLM_UPSTREAMS', () => {
    const more = [
      { name: 'vllm', baseUrl: 'http://vllm:8000/v1/', models: ['llama=meta-llama/Llama-3.1-8B-Instruct'] },
      { name: 'ollama', baseUrl: 'http://ollama:11434/v1', models: ['qwen'], timeoutMs: 5_000, maxRetries: 0 },
    ];

    it('adds upstreams after the LLM_UPSTREAM_* one, each taking the shared settings it does not set', () => {
      const { upstreams } = loadConfig(
        {
          LLM_UPSTREAM_BASE_URL: 'https://api.openai.com/v1',
          LLM_UPSTREAM_NAME: 'openai',
          LLM_UPSTREAM_API_KEY: 'sk-openai',
          LLM_UPSTREAM_TIMEOUT_MS: '20000',
          LLM_UPSTREAMS: JSON.stringify(more),
          LLM_UPSTREAM_API_KEYS: 'vllm=vllm-key',
        },
        LLM,
      ).llm;
      expect(
        upstreams.map(({ name, baseUrl, apiKey, timeoutMs, maxRetries }) => ({
          name,
          baseUrl,
          apiKey,
          timeoutMs,
          maxRetries,
        })),
      ).toEqual([
        { name: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-openai', timeoutMs: 20_000, maxRetries: 2 },
        { name: 'vllm', baseUrl: 'http://vllm:8000/v1', apiKey: 'vllm-key', timeoutMs: 20_000, maxRetries: 2 },
        { name: 'ollama', baseUrl: 'http://ollama:11434/v1', apiKey: undefined, timeoutMs: 5_000, maxRetries: 0 },
      ]);
      expect([...(upstreams[1]?.models ?? [])]).toEqual([['llama', 'meta-llama/Llama-3.1-8B-Instruct']]);
    });

    it('marks which upstreams serve the Responses API: their own responsesApi, else LLM_UPSTREAM_RESPONSES_API', () => {
      const entries = [{ ...more[0], responsesApi: true }, more[1]];
      const byDefault = loadConfig({ LLM_UPSTREAMS: JSON.stringify(entries) }, LLM).llm.upstreams;
      expect(byDefault.map((upstream) => upstream.responsesApi)).toEqual([true, false]);
      const shared = loadConfig(
        {
          LLM_UPSTREAMS: JSON.stringify([{ ...more[0], responsesApi: false }, more[1]]),
          LLM_UPSTREAM_RESPONSES_API: 'true',
        },
        LLM,
      ).llm.upstreams;
      expect(shared.map((upstream) => upstream.responsesApi)).toEqual([false, true]);
    });

    it('works without LLM_UPSTREAM_BASE_URL', () => {
      const { upstreams } = loadConfig({ LLM_UPSTREAMS: JSON.stringify(more) }, LLM).llm;
      expect(upstreams.map((upstream) => upstream.name)).toEqual(['vllm', 'ollama']);
    });

    it('names the entry and field that are wrong, and refuses JSON that does not parse', () => {
      const badUrl = problemsOf({ LLM_UPSTREAMS: JSON.stringify([{ ...more[0], baseUrl: 'ftp://vllm' }]) });
      expect(badUrl).toEqual([expect.stringMatching(/^LLM_UPSTREAMS: expected .* at 0\.baseUrl: /)]);
      const unknownField = problemsOf({ LLM_UPSTREAMS: JSON.stringify([{ ...more[0], apiKey: 'leaked' }]) });
      expect(unknownField).toEqual([expect.stringMatching(/^LLM_UPSTREAMS: .*apiKey/)]);
      expect(problemsOf({ LLM_UPSTREAMS: '[{name:' })).toEqual([
        expect.stringMatching(/^LLM_UPSTREAMS: expected JSON/),
      ]);
    });

    it('refuses two upstreams of one name, and a key for an upstream that is not listed', () => {
      const problems = problemsOf({
        LLM_UPSTREAM_BASE_URL: 'http://vllm-a:8000/v1',
        LLM_UPSTREAM_NAME: 'vllm',
        LLM_UPSTREAMS: JSON.stringify(more),
        LLM_UPSTREAM_API_KEYS: 'vllm=a,openai=b',
      });
      expect(problems).toEqual([
        expect.stringMatching(/^LLM_UPSTREAMS: upstream names must be unique .*repeated: vllm$/),
        'LLM_UPSTREAM_API_KEYS: no LLM_UPSTREAMS entry is named openai',
      ]);
    });
  });

  it('collects several fallbacks of one model in the order given', () => {
    const { fallbacks } = loadConfig({ LLM_MODEL_FALLBACKS: 'a=openai,b=simulated,a=simulated' }, LLM).llm;
    expect(fallbacks.get('a')).toEqual(['openai', 'simulated']);
    expect(fallbacks.get('b')).toEqual(['simulated']);
  });

  it('refuses a non-http URL, a malformed model map or fallback, and the simulator’s name', () => {
    const problems = problemsOf({
      LLM_UPSTREAM_BASE_URL: 'ftp://models',
      LLM_UPSTREAM_MODELS: 'a=b=c',
      LLM_MODEL_FALLBACKS: 'gpt-4o',
      LLM_UPSTREAM_NAME: 'simulated',
    });
    for (const name of ['LLM_UPSTREAM_BASE_URL', 'LLM_UPSTREAM_MODELS', 'LLM_MODEL_FALLBACKS', 'LLM_UPSTREAM_NAME']) {
      expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(name)]));
    }
  });
});

describe('llm-app authentication settings', () => {
  const PRODUCTION_OK = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://app:s3cr3t-Value@db:5432/app',
    REDIS_URL: 'redis://:An0ther-Secret@redis:6379',
    AUTH_JWKS_URL: 'http://sample-app:8080/.well-known/jwks.json',
  };
  const WITH_DATABASE: AppIdentity<LlmAppSections> = { ...LLM, name: 'demo-app', usesDatabase: true };

  it('refuses a gateway (an app that issues no tokens) with no way to authenticate callers', () => {
    const { AUTH_JWKS_URL: _unused, ...withoutJwks } = PRODUCTION_OK;
    expect(problemsOf(withoutJwks, WITH_DATABASE)).toEqual([
      expect.stringMatching(/^AUTH_JWKS_URL or LLM_API_KEY_SHA256: /),
    ]);
    expect(problemsOf({ ...withoutJwks, LLM_API_KEY_SHA256: 'ab'.repeat(32) }, WITH_DATABASE)).toEqual([]);
  });

  it('refuses LLM_API_KEY_SHA256 entries that are not SHA-256 digests', () => {
    expect(problemsOf({ LLM_API_KEY_SHA256: 'plain-key' })).toEqual([expect.stringMatching(/^LLM_API_KEY_SHA256: /)]);
  });

  it('gives the OpenAI-compatible routes the larger body limit of LLM_API_BODY_LIMIT_BYTES', () => {
    expect(loadConfig({ LLM_API_BODY_LIMIT_BYTES: '2048' }, LLM).http.routeBodyLimits).toEqual([
      { pathPrefix: '/v1/', bytes: 2_048 },
    ]);
  });
});
