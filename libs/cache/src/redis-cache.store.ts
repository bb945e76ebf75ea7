import type { CacheMetrics, CacheOperation, FallbackMetrics } from '@app/metrics';
import type { Redis } from 'ioredis';
import { type CacheBackend, CacheCounters, type CacheStats, CacheStore, TOMBSTONE, liveValue } from './cache-store';
import { RedisFallback } from './redis-fallback';

/**
 * Redis-backed cache shared by every replica; keys live under the app's prefix. Without Redis
 * (down, frozen past the command timeout) reads are misses and writes are dropped: the caller goes
 * to the source of truth, and RedisFallback logs the outage once and retries Redis by itself.
 */
export class RedisCacheStore extends CacheStore {
  readonly backend: CacheBackend = 'redis';
  private readonly counters: CacheCounters;
  private readonly fallback: RedisFallback;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    metrics?: CacheMetrics,
    fallbackMetrics?: FallbackMetrics,
  ) {
    super();
    this.counters = new CacheCounters(this.backend, metrics);
    this.fallback = new RedisFallback('cache', redis, fallbackMetrics);
  }

  /** True while Redis is failing and the cache answers every read with a miss. */
  get degraded(): boolean {
    return this.fallback.degraded;
  }

  get(key: string): Promise<string | undefined> {
    return this.fallback.run(
      async () => this.counters.record(liveValue(await this.redis.get(this.prefix + key))),
      () => this.failed('get', undefined),
    );
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.fallback.run(
      async () => {
        await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds);
        this.counters.succeeded('set');
      },
      () => this.failed('set', undefined),
    );
  }

  fill(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.fallback.run(
      async () => {
        await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX');
        this.counters.succeeded('set');
      },
      () => this.failed('set', undefined),
    );
  }

  delete(key: string): Promise<boolean> {
    return this.fallback.run(
      async () => {
        // GETDEL: whether a live value (not a tombstone) was removed, in one round trip.
        const existed = liveValue(await this.redis.getdel(this.prefix + key)) !== undefined;
        this.counters.succeeded('delete');
        return existed;
      },
      () => this.failed('delete', false),
    );
  }

  invalidate(key: string, holdSeconds: number): Promise<void> {
    return this.fallback.run(
      async () => {
        await this.redis.set(this.prefix + key, TOMBSTONE, 'EX', holdSeconds);
        this.counters.succeeded('delete');
      },
      () => this.failed('delete', undefined),
    );
  }

  async stats(): Promise<CacheStats> {
    const { hits, misses, errors } = this.counters;
    return { backend: this.backend, hits, misses, errors, keys: await this.countKeys() };
  }

  /** SCAN, not KEYS: counting must not block Redis for other clients. */
  private countKeys(): Promise<number> {
    return this.fallback.run(
      async () => {
        let cursor = '0';
        let count = 0;
        do {
          const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.prefix)}*`, 'COUNT', 1000);
          cursor = next;
          count += keys.length;
        } while (cursor !== '0');
        return count;
      },
      () => this.failed('stats', 0),
    );
  }

  private failed<T>(operation: CacheOperation | 'stats', answer: T): T {
    this.counters.failed(operation);
    return answer;
  }
}

function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (match) => `\\${match}`);
}
