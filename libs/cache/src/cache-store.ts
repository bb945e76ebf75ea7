import { type CacheMetrics, type CacheOperation, NoCacheMetrics } from '@app/metrics';

export type CacheBackend = 'redis' | 'memory';

export interface CacheStats {
  readonly backend: CacheBackend;
  readonly hits: number;
  readonly misses: number;
  readonly errors: number;
  /** Keys this app holds (under its prefix, for Redis). */
  readonly keys: number;
}

/**
 * The cache every app uses. Values are strings; callers serialise. A backend
 * failure never reaches the caller: reads degrade to a miss and writes are
 * dropped, both counted in `errors`.
 */
export abstract class CacheStore {
  abstract readonly backend: CacheBackend;
  abstract get(key: string): Promise<string | undefined>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Cache-aside fill after a read from the source of truth: stores the value only if the key holds
   * nothing, so a read that began before an invalidate() can never bring back what it removed.
   */
  abstract fill(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Resolves true when the key existed. */
  abstract delete(key: string): Promise<boolean>;
  /**
   * Removes the cached copy after a write to the source of truth and holds the key empty for
   * `holdSeconds` (a tombstone that reads see as a miss and fill() cannot replace), longer than any
   * read that might still be carrying the old value back.
   */
  abstract invalidate(key: string, holdSeconds: number): Promise<void>;
  abstract stats(): Promise<CacheStats>;
}

/** What an invalidated key holds while it is held empty; reads see it as a miss. */
export const TOMBSTONE = '\u0000cache:invalidated\u0000';

/** A stored value as callers see it: a tombstone is no value. */
export function liveValue(stored: string | null | undefined): string | undefined {
  return stored === null || stored === undefined || stored === TOMBSTONE ? undefined : stored;
}

/** Counters shared by both backends, mirrored into cache_operations_total. */
export class CacheCounters {
  hits = 0;
  misses = 0;
  errors = 0;

  constructor(
    private readonly backend: CacheBackend,
    private readonly metrics: CacheMetrics = new NoCacheMetrics(),
  ) {
    metrics.prepare(backend);
  }

  /** A read's outcome: hit or miss. */
  record(value: string | undefined): string | undefined {
    if (value === undefined) this.misses += 1;
    else this.hits += 1;
    this.metrics.record(this.backend, 'get', value === undefined ? 'miss' : 'hit');
    return value;
  }

  /** A write or delete the backend carried out. */
  succeeded(operation: Exclude<CacheOperation, 'get'>): void {
    this.metrics.record(this.backend, operation, 'ok');
  }

  /**
   * An operation the backend failed. A failed read is a miss for the caller and in stats(), but an
   * error, not a miss, in cache_operations_total; counting keys for stats() is not a cache operation.
   */
  failed(operation: CacheOperation | 'stats'): void {
    this.errors += 1;
    if (operation === 'get') this.misses += 1;
    if (operation !== 'stats') this.metrics.record(this.backend, operation, 'error');
  }
}
