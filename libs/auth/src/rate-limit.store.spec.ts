import { MemoryRateLimitStore } from './rate-limit.store';

describe(MemoryRateLimitStore.name, () => {
  describe('increment', () => {
    it('counts hits in a fixed window and blocks past the limit until the window ends', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      await store.increment('k', 1_000, 2);
      expect(await store.increment('k', 1_000, 2)).toMatchObject({ totalHits: 2, isBlocked: false });
      now = 400;
      expect(await store.increment('k', 1_000, 2)).toEqual({
        totalHits: 3,
        timeToExpire: 1,
        isBlocked: true,
        timeToBlockExpire: 1,
      });
      now = 1_000;
      expect(await store.increment('k', 1_000, 2)).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('keeps each key apart', async () => {
      const store = new MemoryRateLimitStore(() => 0);
      await store.increment('a', 1_000, 1);
      expect(await store.increment('b', 1_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
    });
  });

  describe('peek', () => {
    it('reports the hits of the current window without counting one, and none once it ended', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      await store.increment('k', 1_000, 5);
      expect(await store.peek('k')).toEqual({ hits: 1, msLeft: 1_000 });
      expect(await store.peek('k')).toEqual({ hits: 1, msLeft: 1_000 });
      now = 1_500;
      expect(await store.peek('k')).toEqual({ hits: 0, msLeft: 0 });
    });
  });
});
