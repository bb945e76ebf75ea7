import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

describe('llm-app token budgets', () => {
  let running: RunningApp;
  const complete = (body: object = {}) =>
    request(running.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'simulated', messages: [{ role: 'user', content: 'spend tokens' }], ...body });

  // Each test gets its own instance, so its own budget: none depends on what another spent.
  beforeEach(async () => {
    // GIVEN a budget of one token: the first request may run, and spends far more
    running = await startLlmApp({ env: { LLM_TOKEN_BUDGET_PER_WINDOW: '1', LLM_TOKEN_BUDGET_WINDOW_SECONDS: '600' } });
  });

  afterEach(async () => {
    await running.close();
  });

  /** Spends the one-token budget with a completion that succeeds. */
  const spendTheBudget = () => complete().expect(200);

  it('serves until the window budget is spent, then answers 429 token_budget_exceeded with Retry-After', async () => {
    await spendTheBudget();
    const refused = await complete();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'token_budget_exceeded' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
  });

  it('charges streamed completions too', async () => {
    await request(running.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'simulated', stream: true, messages: [{ role: 'user', content: 'stream' }] })
      .expect(200);
    await complete().expect(429);
  });

  it('holds for the simple chat too, as problem+json there', async () => {
    await spendTheBudget();
    const refused = await request(running.baseUrl).post('/chat').send({ message: 'more' });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('token-budget-exceeded');
  });

  it('counts the rejections by kind', async () => {
    const rejections = async () => {
      const metrics = (await request(running.baseUrl).get('/metrics').expect(200)).text;
      return Number(/^llm_rate_limit_rejections_total\{kind="tokens"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };
    await spendTheBudget();
    const before = await rejections();
    await complete().expect(429);
    await complete().expect(429);
    expect((await rejections()) - before).toBe(2);
  });
});
