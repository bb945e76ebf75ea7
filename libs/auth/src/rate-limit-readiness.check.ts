import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { getStorageToken } from '@nestjs/throttler';
import { redisFallbackReadiness } from '@app/cache';
import type { ReadinessCheck } from '@app/lifecycle';
import { FailOpenRateLimitStore, type RateLimitStore } from './rate-limit.store';

/**
 * Readiness of the rate limit: "up" with mode "shared" while Redis keeps the counters, "degraded" with
 * mode "per-process" while Redis fails and each replica counts on its own (the pod keeps serving: a
 * degraded check never fails /ready). Without Redis the limit is per process by configuration: "up".
 */
@Injectable()
export class RateLimitReadinessCheck implements ReadinessCheck {
  readonly name = 'rateLimit';

  constructor(
    @Inject(getStorageToken()) private readonly store: RateLimitStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get backend(): string {
    return this.store instanceof FailOpenRateLimitStore ? 'redis' : 'memory';
  }

  check(): Promise<HealthIndicatorResult> {
    const fallback = this.store instanceof FailOpenRateLimitStore ? this.store.fallback : undefined;
    return redisFallbackReadiness(this.indicators, this.name, fallback);
  }
}
