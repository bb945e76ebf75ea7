import { type Metric, register } from 'prom-client';

/**
 * prom-client's default registry is per process; a second app instance in the
 * same process (tests, two instances sharing a module) reuses the collector
 * instead of failing to register the name twice.
 */
export function metricOnce<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
