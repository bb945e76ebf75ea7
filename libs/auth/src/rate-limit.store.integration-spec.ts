import { Logger } from '@nestjs/common';
import { RedisFallback } from '@app/cache';
import { uniqueName } from '../../../test/support/service-env';
import { sharedRedisConnection } from '../../../test/support/shared-redis';
import { FailOpenRateLimitStore, MemoryRateLimitStore, RedisRateLimitStore } from './rate-limit.store';

describe(RedisRateLimitStore.name, () => {
  const redis = sharedRedisConnection();

  const storeWithPrefix = (prefix = `${uniqueName('limit')}:`) => new RedisRateLimitStore(redis(), prefix);

  describe('increment', () => {
    it('counts hits in a window that its first hit starts, and blocks past the limit', async () => {
      const store = storeWithPrefix();
      expect(await store.increment('k', 60_000, 2)).toEqual({
        totalHits: 1,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
      expect(await store.increment('k', 60_000, 2)).toMatchObject({ totalHits: 2, isBlocked: false });
      expect(await store.increment('k', 60_000, 2)).toMatchObject({
        totalHits: 3,
        isBlocked: true,
        timeToBlockExpire: 60,
      });
    });

    it('keeps the end the first hit set: later hits do not push the window back', async () => {
      const prefix = `${uniqueName('limit')}:`;
      const store = storeWithPrefix(prefix);
      await store.increment('k', 60_000, 5);
      // GIVEN a window with 5 s left
      await redis().pexpire(`${prefix}ratelimit:k`, 5_000);
      // WHEN the client hits again, THEN it is told the same 5 s, not a fresh minute
      expect(await store.increment('k', 60_000, 5)).toMatchObject({ totalHits: 2, timeToExpire: 5 });
    });

    it('starts a client over once its window has ended', async () => {
      const store = storeWithPrefix();
      await store.increment('k', 200, 1);
      expect(await store.increment('k', 200, 1)).toMatchObject({ isBlocked: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.increment('k', 200, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('keeps each key, and each prefix (app or environment sharing the Redis), apart', async () => {
      const prefix = `${uniqueName('limit')}:`;
      const store = storeWithPrefix(prefix);
      await store.increment('a', 60_000, 1);
      expect(await store.increment('b', 60_000, 1)).toMatchObject({ totalHits: 1 });
      expect(await storeWithPrefix().increment('a', 60_000, 1)).toMatchObject({ totalHits: 1 });
      expect(await storeWithPrefix(prefix).increment('a', 60_000, 1)).toMatchObject({ totalHits: 2 });
    });
  });

  describe('peek', () => {
    it('reports the hits of the current window and the time left, without counting one', async () => {
      const store = storeWithPrefix();
      await store.increment('k', 60_000, 5);
      await store.increment('k', 60_000, 5);
      const seen = await store.peek('k');
      expect(seen.hits).toBe(2);
      expect(seen.msLeft).toBeGreaterThan(59_000);
      expect(seen.msLeft).toBeLessThanOrEqual(60_000);
      expect((await store.peek('k')).hits).toBe(2);
    });

    it('reports no hits and no time left for a key that has none', async () => {
      expect(await storeWithPrefix().peek('nobody')).toEqual({ hits: 0, msLeft: 0 });
    });
  });
});

describe(FailOpenRateLimitStore.name, () => {
  const redis = sharedRedisConnection('each');

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const stores = () => {
    const prefix = `${uniqueName('limit')}:`;
    const local = new MemoryRateLimitStore();
    const shared = new RedisRateLimitStore(redis(), prefix);
    return {
      store: new FailOpenRateLimitStore(shared, local, new RedisFallback('rate_limit', redis())),
      // What another replica on the same Redis sees.
      replica: () => new RedisRateLimitStore(redis(), prefix),
      local,
    };
  };

  it('counts in Redis while it answers, so every replica sees the same hits', async () => {
    const { store, replica, local } = stores();
    await store.increment('k', 60_000, 5);
    expect(await store.increment('k', 60_000, 5)).toMatchObject({ totalHits: 2 });
    expect((await replica().peek('k')).hits).toBe(2);
    expect((await store.peek('k')).hits).toBe(2);
    expect(await local.peek('k')).toEqual({ hits: 0, msLeft: 0 });
  });

  it('keeps limiting from process memory once Redis is gone, instead of failing or letting everyone through', async () => {
    const { store, local } = stores();
    // GIVEN Redis out of reach
    redis().disconnect();
    // WHEN a client goes on, THEN this process counts it, and refuses it past the limit
    await store.increment('k', 60_000, 1);
    expect(await store.increment('k', 60_000, 1)).toMatchObject({ totalHits: 2, isBlocked: true });
    expect((await store.peek('k')).hits).toBe(2);
    expect((await local.peek('k')).hits).toBe(2);
  });
});
