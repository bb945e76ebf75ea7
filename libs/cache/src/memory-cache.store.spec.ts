import { type CacheOperation, type CacheResult, CacheMetrics } from '@app/metrics';
import { MemoryCacheStore } from './memory-cache.store';

class RecordedCacheMetrics extends CacheMetrics {
  readonly operations: string[] = [];
  record(backend: string, operation: CacheOperation, result: CacheResult): void {
    this.operations.push(`${backend} ${operation} ${result}`);
  }
  prepare(): void {}
}

describe(MemoryCacheStore.name, () => {
  it('returns what was set and counts the hit', async () => {
    const store = new MemoryCacheStore(10);
    await store.set('a', '1', 60);
    expect(await store.get('a')).toBe('1');
    expect(await store.stats()).toEqual({ backend: 'memory', hits: 1, misses: 0, errors: 0, keys: 1 });
  });

  it('counts a miss for an absent key', async () => {
    const store = new MemoryCacheStore(10);
    expect(await store.get('absent')).toBeUndefined();
    expect((await store.stats()).misses).toBe(1);
  });

  it('deletes a key and says whether it existed', async () => {
    const store = new MemoryCacheStore(10);
    await store.set('a', '1', 60);
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = new MemoryCacheStore(2);
    await store.set('a', '1', 60);
    await store.set('b', '2', 60);
    await store.get('a');
    await store.set('c', '3', 60);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
    expect((await store.stats()).keys).toBe(2);
  });

  it('expires an entry after its TTL', async () => {
    let now = 1_000;
    const store = new MemoryCacheStore(10, () => now);
    await store.set('a', '1', 1);
    now += 999;
    expect(await store.get('a')).toBe('1');
    now += 2;
    expect(await store.get('a')).toBeUndefined();
  });

  it('reports every operation and its outcome to the cache metrics', async () => {
    const metrics = new RecordedCacheMetrics();
    const store = new MemoryCacheStore(10, undefined, metrics);
    await store.set('a', '1', 60);
    await store.get('a');
    await store.get('b');
    await store.delete('a');
    expect(metrics.operations).toEqual(['memory set ok', 'memory get hit', 'memory get miss', 'memory delete ok']);
  });
});
