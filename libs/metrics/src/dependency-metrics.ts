import { Injectable } from '@nestjs/common';
import { ReadinessObserver } from '@app/lifecycle';
import { Gauge, Histogram } from 'prom-client';
import { metricOnce } from './metric-once';

export const DEPENDENCY_UP = 'app_dependency_up';
export const DEPENDENCY_CHECK_DURATION = 'app_dependency_check_duration_seconds';

/**
 * Turns each readiness check (/ready, called by the kubelet every few seconds)
 * into a dependency state and a round-trip latency: "Redis degraded" and
 * "database down" become series an alert can watch.
 */
@Injectable()
export class DependencyMetrics extends ReadinessObserver {
  private readonly up = metricOnce(
    DEPENDENCY_UP,
    () =>
      new Gauge<'dependency' | 'backend'>({
        name: DEPENDENCY_UP,
        help: 'Whether the last readiness check of a dependency passed (1) or found it down or degraded (0).',
        labelNames: ['dependency', 'backend'],
      }),
  );

  private readonly duration = metricOnce(
    DEPENDENCY_CHECK_DURATION,
    () =>
      new Histogram<'dependency' | 'backend'>({
        name: DEPENDENCY_CHECK_DURATION,
        help: 'Round trip of a readiness check to a dependency (SELECT 1, PING).',
        labelNames: ['dependency', 'backend'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      }),
  );

  observe(dependency: string, backend: string, status: string, durationSeconds: number): void {
    this.up.set({ dependency, backend }, status === 'up' ? 1 : 0);
    this.duration.observe({ dependency, backend }, durationSeconds);
  }
}
