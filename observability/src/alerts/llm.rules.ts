import { type RuleFile, runbook } from './rule-types';
import {
  GEN_AI_OPERATION_DURATION,
  GEN_AI_TIME_TO_FIRST_TOKEN,
  GEN_AI_TOKEN_USAGE,
  LLM_UPSTREAM_ERRORS,
} from '../../../apps/llm-app/src/telemetry/llm-metric-names';

/** Tokens the gateway may spend per day before the budget alert fires. */
export const LLM_DAILY_TOKEN_BUDGET = 5_000_000;

/** Time to first token objective: 95 % of streams start within 2.5 s (a GenAI semconv bucket boundary). */
export const LLM_TTFT_SECONDS = 2.5;

export const llmRules = (): RuleFile => ({
  name: 'llm',
  seriesExistToday: true,
  groups: [
    {
      name: 'llm',
      rules: [
        {
          alert: 'LlmUpstreamErrorRatioHigh',
          expr: `sum by (job) (rate(${LLM_UPSTREAM_ERRORS}[5m]))\n/ sum by (job) (rate(${GEN_AI_OPERATION_DURATION}_count[5m])) > 0.05`,
          for: '10m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'LLM upstream calls are failing',
            description:
              '{{ $value | humanizePercentage }} of LLM operations in {{ $labels.job }} end in an upstream error (threshold 5 %).',
            runbook_url: runbook('LlmUpstreamErrorRatioHigh'),
          },
        },
        {
          // Per operation: failing embeddings would vanish in a job-wide ratio dominated by chat traffic.
          alert: 'LlmOperationErrorRatioHigh',
          expr: `sum by (job, gen_ai_operation_name) (rate(${GEN_AI_OPERATION_DURATION}_count{error_type!=""}[5m]))\n/ sum by (job, gen_ai_operation_name) (rate(${GEN_AI_OPERATION_DURATION}_count[5m])) > 0.05`,
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'One kind of LLM operation is failing',
            description:
              '{{ $value | humanizePercentage }} of {{ $labels.gen_ai_operation_name }} operations in {{ $labels.job }} fail (threshold 5 %).',
            runbook_url: runbook('LlmOperationErrorRatioHigh'),
          },
        },
        {
          alert: 'LlmTimeToFirstTokenSlo',
          expr: `1 - (sum by (job) (rate(${GEN_AI_TIME_TO_FIRST_TOKEN}_bucket{le="${LLM_TTFT_SECONDS}"}[30m]))\n/ sum by (job) (rate(${GEN_AI_TIME_TO_FIRST_TOKEN}_count[30m]))) > 0.05`,
          for: '15m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'LLM streams start slowly',
            description: `{{ $value | humanizePercentage }} of streams in {{ $labels.job }} waited more than ${LLM_TTFT_SECONDS} s for their first token over 30 minutes (objective: at most 5 %).`,
            runbook_url: runbook('LlmTimeToFirstTokenSlo'),
          },
        },
        {
          alert: 'LlmTokenBudgetBurn',
          // cache_read and reasoning are parts of input and output: counting them too would count tokens twice.
          expr: `sum by (job) (rate(${GEN_AI_TOKEN_USAGE}_sum{gen_ai_token_type=~"input|output"}[1h])) * 86400 > ${LLM_DAILY_TOKEN_BUDGET}`,
          for: '15m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'LLM token spend is on course to exceed the daily budget',
            description: `At the last hour's pace {{ $labels.job }} spends {{ $value | humanize }} tokens a day (budget ${LLM_DAILY_TOKEN_BUDGET}).`,
            runbook_url: runbook('LlmTokenBudgetBurn'),
          },
        },
      ],
    },
  ],
});
