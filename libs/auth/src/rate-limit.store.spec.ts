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

    it('tells how many whole seconds are left in the window, never 0 while it lasts', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      expect(await store.increment('k', 10_000, 1)).toMatchObject({ timeToExpire: 10, timeToBlockExpire: 0 });
      now = 2_500;
      expect(await store.increment('k', 10_000, 1)).toMatchObject({ timeToExpire: 8, timeToBlockExpire: 8 });
      now = 9_999;
      expect(await store.increment('k', 10_000, 1)).toMatchObject({ timeToExpire: 1, timeToBlockExpire: 1 });
    });

    it('forgets windows that ended without touching the ones still running', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      await store.increment('ended', 1_000, 5);
      now = 900;
      await store.increment('running', 1_000, 5);
      // A window's length after the last sweep, the next hit sweeps the ended windows.
      now = 1_000;
      await store.increment('other', 1_000, 5);
      expect(await store.peek('running')).toEqual({ hits: 1, msLeft: 900 });
      expect(await store.increment('running', 1_000, 5)).toMatchObject({ totalHits: 2 });
      expect(await store.peek('ended')).toEqual({ hits: 0, msLeft: 0 });
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
