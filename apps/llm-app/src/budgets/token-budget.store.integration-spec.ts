import { Logger } from '@nestjs/common';
import { RedisFallback } from '@app/cache';
import { waitFor } from '../../../../test/support/process-harness';
import { uniqueName } from '../../../../test/support/service-env';
import { sharedRedisConnection } from '../../../../test/support/shared-redis';
import { FailOpenTokenBudgetStore, MemoryTokenBudgetStore, RedisTokenBudgetStore } from './token-budget.store';

describe(RedisTokenBudgetStore.name, () => {
  const redis = sharedRedisConnection();

  const storeWithPrefix = () => {
    const prefix = `${uniqueName('budget')}:`;
    return {
      store: new RedisTokenBudgetStore(redis(), prefix),
      key: (client: string) => `${prefix}token-budget:${client}`,
    };
  };

  describe('spend', () => {
    it('adds up what a client spends in one key that expires at the end of the window', async () => {
      const { store, key } = storeWithPrefix();
      await store.spend('client', 30, 60_000);
      await store.spend('client', 12, 60_000);
      expect(await redis().get(key('client'))).toBe('42');
      const ttl = await redis().pttl(key('client'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('keeps the expiry the first spend of the window set: later spends do not push the reset back', async () => {
      const { store, key } = storeWithPrefix();
      await store.spend('client', 1, 60_000);
      await redis().pexpire(key('client'), 5_000);
      await store.spend('client', 1, 60_000);
      expect(await redis().pttl(key('client'))).toBeLessThanOrEqual(5_000);
    });
  });

  describe('read', () => {
    it('reports what was spent and the milliseconds left until the key expires', async () => {
      const { store, key } = storeWithPrefix();
      await store.spend('client', 7, 60_000);
      const window = await store.read('client', 60_000);
      expect(window.spent).toBe(7);
      expect(window.resetsInMs).toBeGreaterThan(0);
      expect(window.resetsInMs).toBeLessThanOrEqual(60_000);
      expect(await redis().pttl(key('client'))).toBeLessThanOrEqual(window.resetsInMs);
    });

    it('reports the time left in a running window, not a whole new one', async () => {
      const { store, key } = storeWithPrefix();
      await store.spend('client', 7, 60_000);
      // GIVEN a window with 5 s left
      await redis().pexpire(key('client'), 5_000);
      const window = await store.read('client', 60_000);
      expect(window.resetsInMs).toBeGreaterThan(0);
      expect(window.resetsInMs).toBeLessThanOrEqual(5_000);
    });

    it('reads a client that spent nothing as a whole fresh window', async () => {
      const { store } = storeWithPrefix();
      expect(await store.read('nobody', 60_000)).toEqual({ spent: 0, resetsInMs: 60_000 });
    });

    it('starts the client from zero once its window has rolled over', async () => {
      // GIVEN a client that spent in a short window
      const { store, key } = storeWithPrefix();
      await store.spend('client', 5, 300);
      // WHEN the window is over, THEN Redis has dropped the key and the client spends from zero
      await waitFor(
        'the window to roll over',
        async () => ((await redis().exists(key('client'))) === 0 ? true : undefined),
        5_000,
      );
      expect((await store.read('client', 300)).spent).toBe(0);
      await store.spend('client', 2, 300);
      expect((await store.read('client', 300)).spent).toBe(2);
    });
  });
});

describe(FailOpenTokenBudgetStore.name, () => {
  const redis = sharedRedisConnection('each');

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const stores = () => {
    const prefix = `${uniqueName('budget')}:`;
    const local = new MemoryTokenBudgetStore(() => performance.now());
    return {
      store: new FailOpenTokenBudgetStore(
        new RedisTokenBudgetStore(redis(), prefix),
        local,
        new RedisFallback('token_budget', redis()),
      ),
      // What another replica on the same Redis sees.
      replica: new RedisTokenBudgetStore(redis(), prefix),
      local,
    };
  };

  it('keeps the budgets in Redis while it answers, so every replica sees what a client spent', async () => {
    const { store, replica, local } = stores();
    await store.spend('client', 30, 60_000);
    expect((await store.read('client', 60_000)).spent).toBe(30);
    expect((await replica.read('client', 60_000)).spent).toBe(30);
    expect((await local.read('client', 60_000)).spent).toBe(0);
  });

  it('keeps counting in process memory once Redis is gone, instead of failing the request', async () => {
    const { store, local } = stores();
    redis().disconnect();
    await store.spend('client', 12, 60_000);
    expect((await store.read('client', 60_000)).spent).toBe(12);
    expect((await local.read('client', 60_000)).spent).toBe(12);
  });
});
