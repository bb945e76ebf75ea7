import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisFallback } from '@app/cache';
import { uniqueName } from '../../../../test/support/service-env';
import { sharedRedisConnection } from '../../../../test/support/shared-redis';
import { TokenBudgetReadinessCheck } from './token-budget-readiness.check';
import { FailOpenTokenBudgetStore, MemoryTokenBudgetStore, RedisTokenBudgetStore } from './token-budget.store';

describe(TokenBudgetReadinessCheck.name, () => {
  const redis = sharedRedisConnection('each');

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const sharedCheck = () => {
    const fallback = new RedisFallback('token_budget', redis());
    const store = new FailOpenTokenBudgetStore(
      new RedisTokenBudgetStore(redis(), `${uniqueName('budget')}:`),
      new MemoryTokenBudgetStore(() => performance.now()),
      fallback,
    );
    return { check: new TokenBudgetReadinessCheck(store, new HealthIndicatorService()), store };
  };

  it('reports the budgets up and shared while Redis keeps them', async () => {
    const { check } = sharedCheck();
    expect(check.backend).toBe('redis');
    expect(await check.check()).toEqual({ tokenBudget: { status: 'up', backend: 'redis', mode: 'shared' } });
  });

  it('reports them degraded, per process, once Redis has failed (never down: the pod keeps serving)', async () => {
    const { check, store } = sharedCheck();
    redis().disconnect();
    await store.read('client', 60_000);
    expect(await check.check()).toEqual({
      tokenBudget: {
        status: 'degraded',
        backend: 'redis',
        mode: 'per-process',
        message: expect.stringMatching(/^redis() unavailable: /),
      },
    });
  });

  it('reports budgets kept in memory by configuration as up, per process', async () => {
    const check = new TokenBudgetReadinessCheck(new MemoryTokenBudgetStore(() => 0), new HealthIndicatorService());
    expect(check.backend).toBe('memory');
    expect(await check.check()).toEqual({ tokenBudget: { status: 'up', backend: 'memory', mode: 'per-process' } });
  });
});
