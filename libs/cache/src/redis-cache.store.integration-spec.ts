import { Logger } from '@nestjs/common';
import { type CacheOperation, type CacheResult, CacheMetrics } from '@app/metrics';
import { Redis } from 'ioredis';
import { uniqueName } from '../../../test/support/service-env';
import { sharedRedisConnection } from '../../../test/support/shared-redis';
import { RedisCacheStore } from './redis-cache.store';

class RecordedCacheMetrics extends CacheMetrics {
  readonly operations: string[] = [];
  record(backend: string, operation: CacheOperation, result: CacheResult): void {
    this.operations.push(`${backend} ${operation} ${result}`);
  }
  prepare(): void {}
}

describe(RedisCacheStore.name, () => {
  const redis = sharedRedisConnection();

  it('stores under its prefix, reads back, and counts hits and misses', async () => {
    const prefix = `${uniqueName('cache')}:`;
    const store = new RedisCacheStore(redis(), prefix);
    await store.set('greeting', 'hello', 60);
    expect(await redis().get(`${prefix}greeting`)).toBe('hello');
    expect(await store.get('greeting')).toBe('hello');
    expect(await store.get('absent')).toBeUndefined();
    expect(await store.stats()).toEqual({ backend: 'redis', hits: 1, misses: 1, errors: 0, keys: 1 });
  });

  it('reports hits, misses and writes to the cache metrics', async () => {
    const metrics = new RecordedCacheMetrics();
    const store = new RedisCacheStore(redis(), `${uniqueName('cache')}:`, metrics);
    await store.set('k', 'v', 60);
    await store.get('k');
    await store.get('absent');
    await store.delete('k');
    expect(metrics.operations).toEqual(['redis set ok', 'redis get hit', 'redis get miss', 'redis delete ok']);
  });

  it('sets the TTL on the Redis key', async () => {
    const prefix = `${uniqueName('cache')}:`;
    const store = new RedisCacheStore(redis(), prefix);
    await store.set('k', 'v', 120);
    const ttl = await redis().ttl(`${prefix}k`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('counts only keys under its own prefix, even when the prefix contains glob characters', async () => {
    const prefix = `${uniqueName('cache')}*[x]:`;
    const other = `${uniqueName('other')}:`;
    await redis().set(`${other}k`, 'v', 'EX', 60);
    const store = new RedisCacheStore(redis(), prefix);
    await store.set('a', '1', 60);
    await store.set('b', '2', 60);
    expect((await store.stats()).keys).toBe(2);
  });

  it('deletes a key and says whether it existed', async () => {
    const store = new RedisCacheStore(redis(), `${uniqueName('cache')}:`);
    await store.set('k', 'v', 60);
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
  });

  describe('when Redis is unreachable', () => {
    it('degrades: reads miss, writes drop, nothing throws, and errors are counted', async () => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      // A port nothing listens on: every command fails fast (no offline queue).
      const down = new Redis('redis://127.0.0.1:1', {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      const metrics = new RecordedCacheMetrics();
      const store = new RedisCacheStore(down, 'down:', metrics);
      await expect(store.set('k', 'v', 60)).resolves.toBeUndefined();
      await expect(store.get('k')).resolves.toBeUndefined();
      await expect(store.delete('k')).resolves.toBe(false);
      const stats = await store.stats();
      expect(stats).toMatchObject({ misses: 1, hits: 0, keys: 0 });
      expect(stats.errors).toBeGreaterThanOrEqual(3);
      expect(metrics.operations).toEqual(['redis set error', 'redis get error', 'redis delete error']);
      down.disconnect();
      jest.restoreAllMocks();
    });
  });
});
