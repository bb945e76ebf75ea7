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

    it('starts a fresh window the moment the last one ends, also between two sweeps of ended windows', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      await store.increment('other', 1_000, 1);
      // GIVEN a client whose window ends at 1 500, and a sweep at 1 000 that still found it running
      now = 500;
      expect(await store.increment('k', 1_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
      now = 1_000;
      await store.increment('other', 1_000, 1);
      // WHEN it comes back at the end of its window, before the next sweep, THEN it has a new one
      now = 1_500;
      expect(await store.increment('k', 1_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
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
      expect(store.size).toBe(2);
    });

    it('holds only the windows still running, however many clients came and went', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      for (let client = 0; client < 100; client += 1) await store.increment(`address-${client}`, 1_000, 5);
      expect(store.size).toBe(100);
      now = 1_000;
      await store.increment('last', 1_000, 5);
      expect(store.size).toBe(1);
    });

    it('keeps each key apart', async () => {
      const store = new MemoryRateLimitStore(() => 0);
      await store.increment('a', 1_000, 1);
      expect(await store.increment('b', 1_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
    });
  });

  describe('peek', () => {
    it('reports the hits of the current window without counting one, and none from the moment it ended', async () => {
      let now = 0;
      const store = new MemoryRateLimitStore(() => now);
      await store.increment('k', 1_000, 5);
      expect(await store.peek('k')).toEqual({ hits: 1, msLeft: 1_000 });
      expect(await store.peek('k')).toEqual({ hits: 1, msLeft: 1_000 });
      now = 1_000;
      expect(await store.peek('k')).toEqual({ hits: 0, msLeft: 0 });
    });
  });
});
