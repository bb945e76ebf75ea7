import type { AppIdentity } from './app-config.schema';
import { ConfigValidationError } from './config.error';
import { loadConfig } from './load-config';

const LLM: AppIdentity = { name: 'llm', defaultPort: 8081, usesDatabase: false, issuesTokens: false };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, LLM);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('llm upstream configuration', () => {
  it('has no upstream unless a base URL is set', () => {
    expect(loadConfig({ LLM_UPSTREAM_MODELS: 'gpt-4o' }, LLM).llm.upstream).toBeUndefined();
  });

  it('reads the model map from public=upstream pairs and plain names, and drops trailing slashes from the URL', () => {
    const upstream = loadConfig(
      { LLM_UPSTREAM_BASE_URL: 'http://ollama:11434/v1/', LLM_UPSTREAM_MODELS: 'gpt-4o-mini, llama=llama3.1:8b' },
      LLM,
    ).llm.upstream;
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
