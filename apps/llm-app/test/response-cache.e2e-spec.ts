import request from 'supertest';
import { sampleValue } from '../../../test/support/prometheus-text';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

describe('llm-app response cache', () => {
  let running: RunningApp;
  const ask = (body: object) =>
    request(running.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'simulated', messages: [{ role: 'user', content: 'cache me' }], ...body });

  beforeAll(async () => {
    running = await startLlmApp({ env: { LLM_RESPONSE_CACHE_TTL_SECONDS: '60' } });
  });

  afterAll(async () => {
    await running.close();
  });

  const lookups = async () => {
    const text = (await request(running.baseUrl).get('/metrics').expect(200)).text;
    const name = 'llm_response_cache_lookups_total';
    return { hit: sampleValue(text, name, { result: 'hit' }), miss: sampleValue(text, name, { result: 'miss' }) };
  };

  it('answers a repeated temperature-0 request from the cache, as a new completion with the same content', async () => {
    const before = await lookups();
    const first = await ask({ temperature: 0 }).expect(200);
    const second = await ask({ temperature: 0 }).expect(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body.choices).toEqual(first.body.choices);
    expect(second.body.usage).toEqual(first.body.usage);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
  });

  it('keys on everything that shapes the answer: another max_tokens is a miss', async () => {
    await ask({ temperature: 0, max_tokens: 7 }).expect(200);
    const other = await ask({ temperature: 0, max_tokens: 8 }).expect(200);
    expect(other.headers['x-cache']).toBe('miss');
  });

  it('never caches a sampled (temperature > 0) or a streamed request', async () => {
    await ask({ temperature: 0.7 }).expect(200);
    const again = await ask({ temperature: 0.7 }).expect(200);
    expect(again.headers['x-cache']).toBeUndefined();
    const before = await lookups();
    const streamed = await ask({ temperature: 0, stream: true }).expect(200);
    expect(streamed.headers['x-cache']).toBeUndefined();
    expect(await lookups()).toEqual(before);
  });
});

describe('llm-app without LLM_RESPONSE_CACHE_TTL_SECONDS', () => {
  it('does not cache at all', async () => {
    const running = await startLlmApp();
    try {
      const body = { model: 'simulated', temperature: 0, messages: [{ role: 'user', content: 'x' }] };
      await request(running.baseUrl).post('/v1/chat/completions').send(body).expect(200);
      const again = await request(running.baseUrl).post('/v1/chat/completions').send(body).expect(200);
      expect(again.headers['x-cache']).toBeUndefined();
    } finally {
      await running.close();
    }
  });
});
