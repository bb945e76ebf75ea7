import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { graph, traces } from './panels';
import {
  CACHE_OPERATIONS_TOTAL,
  DB_POOL_MAX,
  DB_POOL_PENDING,
  DB_POOL_USAGE,
  DEPENDENCY_CHECK_DURATION,
  DEPENDENCY_UP,
} from '@app/metrics';

export const DATA_UID = 'data';

/** The data layer of every app: the database pool and round trips, and the cache. */
export function dataDashboard(): DashboardBuilder {
  return new DashboardBuilder('Data: database and cache')
    .uid(DATA_UID)
    .tags(['generated', 'data'])
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .withRow(new RowBuilder('Database'))
    .withPanel(
      graph('Pool connections', 'PostgreSQL pool connections by state, against the pool maximum.', 'short', [
        { expr: `sum by (job, state) (${DB_POOL_USAGE})`, legend: '{{job}} {{state}}' },
        { expr: `sum by (job) (${DB_POOL_MAX})`, legend: '{{job}} max' },
      ]),
    )
    .withPanel(
      graph(
        'Pool waits',
        'Queries waiting for a free connection: above 0 for long means the pool is too small.',
        'short',
        [{ expr: `sum by (job) (${DB_POOL_PENDING})`, legend: '{{job}}' }],
      ),
    )
    .withPanel(
      graph(
        'Database round trip (p95)',
        'Readiness SELECT 1 round trip, p95: the floor under every query. Per-query latency is in the traces below.',
        's',
        [
          {
            expr: `histogram_quantile(0.95, sum by (le, job) (rate(${DEPENDENCY_CHECK_DURATION}_bucket{dependency="database"}[$__rate_interval])))`,
            legend: '{{job}}',
          },
        ],
      ),
    )
    .withPanel(
      graph('Dependencies up', 'Last readiness result per dependency: 1 up, 0 down or degraded.', 'short', [
        {
          expr: `min by (job, dependency, backend) (${DEPENDENCY_UP})`,
          legend: '{{job}} {{dependency}} ({{backend}})',
        },
      ]),
    )
    .withPanel(
      traces(
        'Slowest queries',
        'PostgreSQL spans over 100 ms (pg instrumentation); each row opens its trace.',
        '{ span.db.system.name = "postgresql" && duration > 100ms }',
      ),
    )
    .withRow(new RowBuilder('Cache'))
    .withPanel(
      graph('Cache hit ratio', 'Hits among reads that reached the cache, by app and backend.', 'percentunit', [
        {
          expr: `sum by (job, backend) (rate(${CACHE_OPERATIONS_TOTAL}{operation="get",result="hit"}[$__rate_interval])) / sum by (job, backend) (rate(${CACHE_OPERATIONS_TOTAL}{operation="get",result=~"hit|miss"}[$__rate_interval]))`,
          legend: '{{job}} {{backend}}',
        },
      ]),
    )
    .withPanel(
      graph('Cache operations', 'Cache operations per second by operation and result.', 'ops', [
        {
          expr: `sum by (job, operation, result) (rate(${CACHE_OPERATIONS_TOTAL}[$__rate_interval]))`,
          legend: '{{job}} {{operation}} {{result}}',
        },
      ]),
    )
    .withPanel(
      graph('Redis errors', 'Redis commands that failed or timed out (the cache answered a miss instead).', 'ops', [
        {
          expr: `sum by (job, operation) (rate(${CACHE_OPERATIONS_TOTAL}{backend="redis",result="error"}[$__rate_interval]))`,
          legend: '{{job}} {{operation}}',
        },
      ]),
    )
    .withPanel(
      graph('Redis round trip (p95)', 'Readiness PING round trip to Redis, p95.', 's', [
        {
          expr: `histogram_quantile(0.95, sum by (le, job) (rate(${DEPENDENCY_CHECK_DURATION}_bucket{dependency="cache",backend="redis"}[$__rate_interval])))`,
          legend: '{{job}}',
        },
      ]),
    );
}
