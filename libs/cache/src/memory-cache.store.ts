import type { CacheMetrics } from '@app/metrics';
import { LRUCache } from 'lru-cache';
import { type CacheBackend, CacheCounters, type CacheStats, CacheStore, TOMBSTONE, liveValue } from './cache-store';

/** In-process LRU with per-entry TTL: the default when REDIS_URL is unset. */
export class MemoryCacheStore extends CacheStore {
  readonly backend: CacheBackend = 'memory';
  private readonly counters: CacheCounters;
  private readonly entries: LRUCache<string, string>;

  /** @param now monotonic milliseconds; injectable so expiry is testable without waiting. */
  constructor(maxEntries: number, now: () => number = () => performance.now(), metrics?: CacheMetrics) {
    super();
    this.counters = new CacheCounters(this.backend, metrics);
    this.entries = new LRUCache<string, string>({
      max: maxEntries,
      ttlAutopurge: false,
      ttlResolution: 0,
      perf: { now },
    });
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.counters.record(liveValue(this.entries.get(key))));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1_000 });
    this.counters.succeeded('set');
    return Promise.resolve();
  }

  fill(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!this.entries.has(key)) this.entries.set(key, value, { ttl: ttlSeconds * 1_000 });
    this.counters.succeeded('set');
    return Promise.resolve();
  }

  invalidate(key: string, holdSeconds: number): Promise<void> {
    this.entries.set(key, TOMBSTONE, { ttl: holdSeconds * 1_000 });
    this.counters.succeeded('delete');
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    const existed = liveValue(this.entries.get(key, { allowStale: false })) !== undefined;
    this.entries.delete(key);
    this.counters.succeeded('delete');
    return Promise.resolve(existed);
  }

  stats(): Promise<CacheStats> {
    this.entries.purgeStale();
    const { hits, misses, errors } = this.counters;
    return Promise.resolve({ backend: this.backend, hits, misses, errors, keys: this.entries.size });
  }
}
