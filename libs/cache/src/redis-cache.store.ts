import { Logger } from '@nestjs/common';
import type { CacheMetrics, CacheOperation } from '@app/metrics';
import type { Redis } from 'ioredis';
import { type CacheBackend, CacheCounters, type CacheStats, CacheStore } from './cache-store';

/** Redis-backed cache shared by every replica; keys live under the app's prefix. */
export class RedisCacheStore extends CacheStore {
  readonly backend: CacheBackend = 'redis';
  private readonly logger = new Logger(RedisCacheStore.name);
  private readonly counters: CacheCounters;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    metrics?: CacheMetrics,
  ) {
    super();
    this.counters = new CacheCounters(this.backend, metrics);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const value = await this.redis.get(this.prefix + key);
      return this.counters.record(value ?? undefined);
    } catch (error) {
      this.degrade('get', error);
      return undefined;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds);
      this.counters.succeeded('set');
    } catch (error) {
      this.degrade('set', error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      const existed = (await this.redis.del(this.prefix + key)) > 0;
      this.counters.succeeded('delete');
      return existed;
    } catch (error) {
      this.degrade('delete', error);
      return false;
    }
  }

  async stats(): Promise<CacheStats> {
    const { hits, misses, errors } = this.counters;
    return { backend: this.backend, hits, misses, errors, keys: await this.countKeys() };
  }

  /** SCAN, not KEYS: counting must not block Redis for other clients. */
  private async countKeys(): Promise<number> {
    try {
      let cursor = '0';
      let count = 0;
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.prefix)}*`, 'COUNT', 1000);
        cursor = next;
        count += keys.length;
      } while (cursor !== '0');
      return count;
    } catch (error) {
      this.degrade('stats', error);
      return 0;
    }
  }

  private degrade(operation: CacheOperation | 'stats', error: unknown): void {
    this.counters.failed(operation);
    this.logger.warn(
      { operation, err: error instanceof Error ? error.message : String(error) },
      'redis cache unavailable; treating as a miss',
    );
  }
}

function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (match) => `\\${match}`);
}
