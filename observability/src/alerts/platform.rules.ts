import { type RuleFile, runbook } from './rule-types';
import { CACHE_OPERATIONS_TOTAL, DB_POOL_PENDING, DEPENDENCY_UP } from '@app/metrics';

/** Process and dependency health of every app. */
export const platformRules = (): RuleFile => ({
  name: 'platform',
  seriesExistToday: true,
  groups: [
    {
      name: 'platform',
      rules: [
        {
          alert: 'PodRestartLoop',
          // A restarted container keeps its pod (and so its instance label) and gets a new start time.
          expr: 'changes(process_start_time_seconds[15m]) >= 3',
          for: '5m',
          labels: { severity: 'critical' },
          annotations: {
            summary: '{{ $labels.job }} {{ $labels.instance }} keeps restarting',
            description: '{{ $labels.instance }} of {{ $labels.job }} restarted {{ $value }} times in 15 minutes.',
            runbook_url: runbook('PodRestartLoop'),
          },
        },
        {
          alert: 'ReadinessFlapping',
          expr: `sum by (job, instance) (changes(${DEPENDENCY_UP}[15m])) >= 4`,
          for: '5m',
          labels: { severity: 'warning' },
          annotations: {
            summary: '{{ $labels.job }} {{ $labels.instance }} readiness is flapping',
            description:
              'A dependency of {{ $labels.instance }} ({{ $labels.job }}) switched between up and down {{ $value }} times in 15 minutes; the pod keeps entering and leaving rotation.',
            runbook_url: runbook('ReadinessFlapping'),
          },
        },
        {
          alert: 'RedisDegraded',
          expr: `max by (job, instance) (1 - ${DEPENDENCY_UP}{dependency="cache",backend="redis"}) > 0\nor\nsum by (job) (rate(${CACHE_OPERATIONS_TOTAL}{backend="redis",result="error"}[5m])) / sum by (job) (rate(${CACHE_OPERATIONS_TOTAL}{backend="redis"}[5m])) > 0.05`,
          for: '5m',
          labels: { severity: 'warning' },
          annotations: {
            summary: '{{ $labels.job }} cannot use Redis: the cache is degraded to misses',
            description:
              '{{ $labels.job }} {{ $labels.instance }}: Redis is unreachable or failing (value {{ printf "%.2f" $value }}: 1 when the readiness PING fails, else the share of cache commands failing). Requests still succeed, slower, and rate limits fall back per replica.',
            runbook_url: runbook('RedisDegraded'),
          },
        },
        {
          alert: 'DatabaseDegraded',
          expr: `max by (job, instance) (1 - ${DEPENDENCY_UP}{dependency="database"}) > 0\nor\nmax by (job, instance) (${DB_POOL_PENDING}) > 0`,
          for: '5m',
          labels: { severity: 'critical' },
          annotations: {
            summary: '{{ $labels.job }} {{ $labels.instance }}: database down or pool exhausted',
            description:
              '{{ $labels.job }} {{ $labels.instance }}: the readiness SELECT 1 fails, or {{ $value }} queries have been waiting for a pool connection for 5 minutes.',
            runbook_url: runbook('DatabaseDegraded'),
          },
        },
      ],
    },
  ],
});
