import type { HealthIndicatorResult } from '@nestjs/terminus';

/**
 * A dependency the app needs before it can serve: checked by GET /ready.
 * Libraries provide these (the database, the cache); apps add their own.
 */
export interface ReadinessCheck {
  /** Key in the readiness body ("database", "cache"). */
  readonly name: string;
  /** What backs it, shown by /info ("postgres", "sqlite", "redis", "memory"). */
  readonly backend: string;
  check(timeoutMs: number): Promise<HealthIndicatorResult>;
}

/** Multi-provider token under which every ReadinessCheck is registered. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Upper bound on each readiness check, as the probe contract asks (≤ 1 s). */
export const READINESS_TIMEOUT_MS = 1_000;
