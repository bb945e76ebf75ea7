import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { RedisFallback } from './redis-fallback';

/**
 * Readiness of a store that keeps its state in Redis and falls back to process memory: "up" with
 * mode "shared" while Redis answers, "degraded" with mode "per-process" while it fails (the pod keeps
 * serving: a degraded check never fails /ready), and "up" per process when no Redis is configured.
 */
export async function redisFallbackReadiness(
  indicators: HealthIndicatorService,
  name: string,
  fallback: RedisFallback | undefined,
): Promise<HealthIndicatorResult> {
  const indicator = indicators.check(name);
  if (fallback === undefined) return indicator.up({ backend: 'memory', mode: 'per-process' });
  await fallback.probe();
  return fallback.degraded
    ? indicator.degraded({ backend: 'redis', mode: 'per-process', message: `redis unavailable: ${fallback.reason}` })
    : indicator.up({ backend: 'redis', mode: 'shared' });
}
