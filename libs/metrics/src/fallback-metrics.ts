import { Counter } from 'prom-client';
import { metricOnce } from './metric-once';

export const REDIS_FALLBACK_TOTAL = 'app_redis_fallback_total';

/** The components that keep shared state in Redis and fall back to process memory without it. */
export const FALLBACK_COMPONENTS = ['cache', 'rate_limit', 'token_budget'] as const;
export type FallbackComponent = (typeof FALLBACK_COMPONENTS)[number];

/**
 * Counts the decisions a Redis-backed component made without Redis (a cache read answered as a miss,
 * a rate-limit or token-budget check made against this process's own counters): how much traffic a
 * Redis outage touched, and proof that the fallback, not an error, answered it.
 */
export abstract class FallbackMetrics {
  abstract fellBack(component: FallbackComponent): void;
}

export class PrometheusFallbackMetrics extends FallbackMetrics {
  private readonly fallbacks = metricOnce(REDIS_FALLBACK_TOTAL, () => {
    const counter = new Counter<'component'>({
      name: REDIS_FALLBACK_TOTAL,
      help: 'Operations a Redis-backed component (cache, rate_limit, token_budget) answered from process memory because Redis failed.',
      labelNames: ['component'],
    });
    for (const component of FALLBACK_COMPONENTS) counter.inc({ component }, 0);
    return counter;
  });

  fellBack(component: FallbackComponent): void {
    this.fallbacks.inc({ component });
  }
}

/** METRICS_ENABLED=false, or a component built outside Nest. */
export class NoFallbackMetrics extends FallbackMetrics {
  fellBack(): void {}
}
