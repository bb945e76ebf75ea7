import { Clock } from '@app/common';
import { loadConfig } from '@app/config';
import { LLM_APP } from '../llm-app.identity';
import { OpenAiError } from '../openai/openai.errors';
import { ModelRouter } from './model-router';
import { SimulatedProvider } from './simulated.provider';
import { TokenCounter } from './token-counter';
import { OpenAiCompatibleProvider } from './upstream/openai-compatible.provider';

function router(env: Record<string, string>): ModelRouter {
  const config = loadConfig(
    { LLM_UPSTREAM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_UPSTREAM_NAME: 'vllm', ...env },
    LLM_APP,
  );
  const clock = new Clock();
  const providers = [new SimulatedProvider(new TokenCounter(), clock, config)];
  const upstream = config.llm.upstream;
  return new ModelRouter(config, upstream ? [...providers, new OpenAiCompatibleProvider(upstream, clock)] : providers);
}

const summary = (subject: ModelRouter, model: string) =>
  subject.routes(model).map((route) => `${route.provider.name}:${route.upstreamModel}`);

describe(ModelRouter.name, () => {
  it('routes upstream models to the upstream under their upstream name, then to their fallbacks in order', () => {
    const subject = router({ LLM_UPSTREAM_MODELS: 'fast=llama3.1:8b', LLM_MODEL_FALLBACKS: 'fast=simulated' });
    expect(summary(subject, 'fast')).toEqual(['vllm:llama3.1:8b', 'simulated:fast']);
    expect(summary(subject, 'simulated')).toEqual(['simulated:simulated']);
  });

  it('answers the OpenAI 404 for a model nobody serves', () => {
    expect(() => router({}).routes('gpt-5')).toThrow(OpenAiError);
  });

  it('refuses at boot a fallback to a provider that is not configured, or for a model that is not served', () => {
    expect(() => router({ LLM_UPSTREAM_MODELS: 'fast', LLM_MODEL_FALLBACKS: 'fast=openai' })).toThrow(/openai/);
    expect(() => router({ LLM_MODEL_FALLBACKS: 'ghost=simulated' })).toThrow(/ghost/);
  });
});
