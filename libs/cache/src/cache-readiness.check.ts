import { Inject, Injectable, Optional } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { ReadinessCheck } from '@app/lifecycle';
import type { Redis } from 'ioredis';
import { CacheStore } from './cache-store';
import { REDIS_CLIENT } from './redis-client';

/**
 * Readiness for the cache. A Redis outage marks the cache "degraded", not
 * down: the app still serves (reads miss, writes drop), so the pod stays in
 * rotation and the body says what is wrong.
 */
@Injectable()
export class CacheReadinessCheck implements ReadinessCheck {
  readonly name = 'cache';

  constructor(
    private readonly store: CacheStore,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(REDIS_CLIENT) private readonly redis?: Redis,
  ) {}

  get backend(): string {
    return this.store.backend;
  }

  async check(timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(this.name);
    const redis = this.redis;
    if (redis === undefined) return indicator.up({ backend: this.backend });
    const started = performance.now();
    try {
      await withTimeout(redis.ping(), timeoutMs);
      return indicator.up({ backend: this.backend, responseTime: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.degraded({
        backend: this.backend,
        message: `redis unreachable: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
