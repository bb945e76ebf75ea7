import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

describe('llm-app token budgets', () => {
  let running: RunningApp;
  const complete = (body: object = {}) =>
    request(running.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'simulated', messages: [{ role: 'user', content: 'spend tokens' }], ...body });

  beforeAll(async () => {
    // GIVEN a budget of one token: the first request may run, and spends far more
    running = await startLlmApp({ env: { LLM_TOKEN_BUDGET_PER_WINDOW: '1', LLM_TOKEN_BUDGET_WINDOW_SECONDS: '600' } });
  });

  afterAll(async () => {
    await running.close();
  });

  it('serves until the window budget is spent, then answers 429 token_budget_exceeded with Retry-After', async () => {
    await complete().expect(200);
    const refused = await complete();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'token_budget_exceeded' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
  });

  it('charges streamed completions too', async () => {
    const streaming = await startLlmApp({ env: { LLM_TOKEN_BUDGET_PER_WINDOW: '1' } });
    try {
      await request(streaming.baseUrl)
        .post('/v1/chat/completions')
        .send({ model: 'simulated', stream: true, messages: [{ role: 'user', content: 'stream' }] })
        .expect(200);
      await request(streaming.baseUrl)
        .post('/v1/chat/completions')
        .send({ model: 'simulated', messages: [{ role: 'user', content: 'again' }] })
        .expect(429);
    } finally {
      await streaming.close();
    }
  });

  it('holds for the simple chat too, as problem+json there', async () => {
    const refused = await request(running.baseUrl).post('/chat').send({ message: 'more' });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('token-budget-exceeded');
  });

  it('counts the rejections by kind', async () => {
    const metrics = (await request(running.baseUrl).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/llm_rate_limit_rejections_total\{kind="tokens"\} [2-9]/);
  });
});
