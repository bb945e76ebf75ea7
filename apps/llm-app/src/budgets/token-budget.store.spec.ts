import { MemoryTokenBudgetStore } from './token-budget.store';

describe(MemoryTokenBudgetStore.name, () => {
  const WINDOW_MS = 60_000;

  describe('spend', () => {
    it('counts each client in its own window until the window ends', async () => {
      let nowMs = 0;
      const store = new MemoryTokenBudgetStore(() => nowMs);
      await store.spend('a', 10, WINDOW_MS);
      await store.spend('a', 5, WINDOW_MS);
      await store.spend('b', 1, WINDOW_MS);
      expect(await store.read('a', WINDOW_MS)).toEqual({ spent: 15, resetsInMs: WINDOW_MS });
      nowMs = WINDOW_MS;
      expect(await store.read('a', WINDOW_MS)).toEqual({ spent: 0, resetsInMs: WINDOW_MS });
    });

    it('keeps at most maxClients windows, forgetting the least recently seen client first', async () => {
      const store = new MemoryTokenBudgetStore(() => 0, 2);
      await store.spend('a', 1, WINDOW_MS);
      await store.spend('b', 2, WINDOW_MS);
      await store.read('a', WINDOW_MS); // a seen again: b is now the least recent
      await store.spend('c', 3, WINDOW_MS);
      expect((await store.read('a', WINDOW_MS)).spent).toBe(1);
      expect((await store.read('c', WINDOW_MS)).spent).toBe(3);
      // b was forgotten: it starts a fresh window (fails open).
      expect((await store.read('b', WINDOW_MS)).spent).toBe(0);
    });
  });
});
