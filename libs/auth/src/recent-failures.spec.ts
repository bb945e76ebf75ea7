import { RecentFailures } from './recent-failures';

function recentFailures(maxAddresses = 3) {
  let now = 0;
  return { failures: new RecentFailures(maxAddresses, () => now), advance: (ms: number) => (now += ms) };
}

describe(RecentFailures.name, () => {
  describe('includes', () => {
    it('holds an address from its failure until its window ends, and only that address', () => {
      const { failures, advance } = recentFailures();
      expect(failures.includes('198.51.100.1')).toBe(false);
      failures.remember('198.51.100.1', 60_000);
      expect(failures.includes('198.51.100.1')).toBe(true);
      expect(failures.includes('198.51.100.2')).toBe(false);
      advance(59_999);
      expect(failures.includes('198.51.100.1')).toBe(true);
      advance(1);
      expect(failures.includes('198.51.100.1')).toBe(false);
      expect(failures.size).toBe(0);
    });

    it('reports every address once it holds its maximum, so a flood of addresses is checked as before', () => {
      const { failures } = recentFailures(2);
      failures.remember('198.51.100.1', 60_000);
      expect(failures.includes('203.0.113.9')).toBe(false);
      failures.remember('198.51.100.2', 60_000);
      failures.remember('198.51.100.3', 60_000);
      expect(failures.size).toBe(2);
      expect(failures.includes('203.0.113.9')).toBe(true);
    });
  });

  describe('remember', () => {
    it('moves an address to the end of its latest window', () => {
      const { failures, advance } = recentFailures();
      failures.remember('198.51.100.1', 10_000);
      advance(5_000);
      failures.remember('198.51.100.1', 20_000);
      advance(10_000);
      expect(failures.includes('198.51.100.1')).toBe(true);
    });

    it('forgets the addresses whose windows ended, once per window length, so the record stays bounded', () => {
      const { failures, advance } = recentFailures();
      failures.remember('198.51.100.1', 60_000);
      failures.remember('198.51.100.2', 60_000);
      advance(60_000);
      failures.remember('198.51.100.3', 60_000);
      expect(failures.size).toBe(1);
    });

    it('sweeps at most once per window length, and only the windows that ended', () => {
      const { failures, advance } = recentFailures(10);
      failures.remember('198.51.100.1', 10_000); // t = 0: the next sweep is due at 10 s
      advance(5_000);
      failures.remember('198.51.100.2', 60_000);
      failures.remember('198.51.100.3', 1_000); // ends at 6 s
      advance(5_000);
      failures.remember('198.51.100.4', 60_000); // t = 10 s: .1 and .3 ended; the next sweep at 70 s
      expect(failures.size).toBe(2);
      expect(failures.includes('198.51.100.2')).toBe(true);
      failures.remember('198.51.100.5', 1_000); // ends at 11 s
      advance(5_000);
      failures.remember('198.51.100.6', 60_000); // t = 15 s: no sweep before 70 s, so .5 is still held
      expect(failures.size).toBe(4);
    });

    it('still renews an address it holds when the record is full', () => {
      const { failures, advance } = recentFailures(1);
      failures.remember('198.51.100.1', 10_000);
      advance(5_000);
      failures.remember('198.51.100.1', 60_000);
      advance(10_000);
      failures.remember('198.51.100.2', 60_000);
      expect(failures.size).toBe(1);
      expect(failures.includes('198.51.100.1')).toBe(true);
    });
  });
});
