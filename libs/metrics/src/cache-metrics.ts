import { Counter } from 'prom-client';
import { metricOnce } from './metric-once';

export const CACHE_OPERATIONS_TOTAL = 'cache_operations_total';

export type CacheOperation = 'get' | 'set' | 'delete';
/** get: hit or miss; set and delete: ok; any operation the backend failed: error. */
export type CacheResult = 'hit' | 'miss' | 'ok' | 'error';

/** Counts cache operations by backend and outcome: the hit ratio and Redis errors come from here. */
export abstract class CacheMetrics {
  abstract record(backend: string, operation: CacheOperation, result: CacheResult): void;
  /** Creates a backend's series at 0, so rates and ratios exist before the first operation. */
  abstract prepare(backend: string): void;
}

const OUTCOMES: readonly (readonly [CacheOperation, CacheResult])[] = [
  ['get', 'hit'],
  ['get', 'miss'],
  ['get', 'error'],
  ['set', 'ok'],
  ['set', 'error'],
  ['delete', 'ok'],
  ['delete', 'error'],
];

export class PrometheusCacheMetrics extends CacheMetrics {
  private readonly operations = metricOnce(
    CACHE_OPERATIONS_TOTAL,
    () =>
      new Counter<'backend' | 'operation' | 'result'>({
        name: CACHE_OPERATIONS_TOTAL,
        help: 'Cache operations by backend (redis, memory), operation (get, set, delete) and result (hit, miss, ok, error).',
        labelNames: ['backend', 'operation', 'result'],
      }),
  );

  record(backend: string, operation: CacheOperation, result: CacheResult): void {
    this.operations.inc({ backend, operation, result });
  }

  prepare(backend: string): void {
    for (const [operation, result] of OUTCOMES) this.operations.inc({ backend, operation, result }, 0);
  }
}

/** METRICS_ENABLED=false, or a store built outside Nest: counting costs nothing. */
export class NoCacheMetrics extends CacheMetrics {
  record(): void {}
  prepare(): void {}
}
