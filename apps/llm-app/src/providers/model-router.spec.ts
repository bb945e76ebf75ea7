import { Clock } from '@app/lifecycle';
import { loadConfig } from '@app/config';
import { LLM_APP } from '../llm-app.identity';
import { OpenAiError } from '../openai/openai.errors';
import { ModelRouter } from './model-router';
import { SimulatedProvider } from './simulated.provider';
import { TokenCounter } from './token-counter';
import { OpenAiCompatibleProvider } from './upstream/openai-compatible.provider';
import { UpstreamHttp } from './upstream/upstream-http';

function router(env: Record<string, string>): ModelRouter {
  const config = loadConfig(
    { LLM_UPSTREAM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_UPSTREAM_NAME: 'vllm', ...env },
    LLM_APP,
  );
  const clock = new Clock();
  const providers = [new SimulatedProvider(new TokenCounter(), clock, config)];
  // Routing never calls the upstreams: their pools are never made.
  const http = new UpstreamHttp();
  const upstreams = config.llm.upstreams.map(
    (upstream) => new OpenAiCompatibleProvider(upstream, clock, http.clientFor(upstream.baseUrl)),
  );
  return new ModelRouter(config, [...providers, ...upstreams]);
}

const summary = (subject: ModelRouter, model: string) =>
  subject.routes(model).map((route) => `${route.provider.name}:${route.upstreamModel}`);

describe(ModelRouter.name, () => {
  it('routes upstream models to the upstream under their upstream name, then to their fallbacks in order', () => {
    const subject = router({ LLM_UPSTREAM_MODELS: 'fast=llama3.1:8b', LLM_MODEL_FALLBACKS: 'fast=simulated' });
    expect(summary(subject, 'fast')).toEqual(['vllm:llama3.1:8b', 'simulated:fast']);
    expect(summary(subject, 'simulated')).toEqual(['simulated:simulated']);
  });

  it('falls back from one upstream to another under the name the second one knows the model by', () => {
    const subject = router({
      LLM_UPSTREAM_MODELS: 'llama=llama3.1:8b',
      LLM_UPSTREAMS: JSON.stringify([
        { name: 'ollama', baseUrl: 'http://127.0.0.1:9/v1', models: ['llama=llama3.1', 'qwen'] },
      ]),
      LLM_MODEL_FALLBACKS: 'llama=ollama,llama=simulated,qwen=vllm',
    });
    expect(summary(subject, 'llama')).toEqual(['vllm:llama3.1:8b', 'ollama:llama3.1', 'simulated:llama']);
    expect(summary(subject, 'qwen')).toEqual(['ollama:qwen', 'vllm:qwen']);
  });

  it('answers the OpenAI 404 for a model nobody serves', () => {
    expect(() => router({}).routes('gpt-5')).toThrow(OpenAiError);
  });

  it('refuses at boot a fallback to a provider that is not configured, or for a model that is not served', () => {
    expect(() => router({ LLM_UPSTREAM_MODELS: 'fast', LLM_MODEL_FALLBACKS: 'fast=openai' })).toThrow(/openai/);
    expect(() => router({ LLM_MODEL_FALLBACKS: 'ghost=simulated' })).toThrow(/ghost/);
  });
});
