import { Injectable, type OnModuleInit } from '@nestjs/common';
import { register } from 'prom-client';

/**
 * prom-client's default collectors name three gauges "_total", which
 * `promtool check metrics` rejects (and PromQL users read as counters). The
 * same values stay available per type in nodejs_active_handles,
 * nodejs_active_requests and nodejs_active_resources.
 */
export const MISNAMED_DEFAULT_METRICS: readonly string[] = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

@Injectable()
export class DefaultMetricsCleanup implements OnModuleInit {
  onModuleInit(): void {
    for (const name of MISNAMED_DEFAULT_METRICS) register.removeSingleMetric(name);
  }
}
