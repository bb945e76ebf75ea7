import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { graph, logs, traces } from './panels';
import { HTTP_REQUEST_DURATION } from '@app/metrics';
import {
  GEN_AI_OPERATION_DURATION,
  GEN_AI_TIME_PER_OUTPUT_TOKEN,
  GEN_AI_TIME_TO_FIRST_TOKEN,
  GEN_AI_TOKEN_USAGE,
  LLM_CIRCUIT_BREAKER_STATE,
  LLM_ESTIMATED_COST,
  LLM_GATEWAY_OVERHEAD,
  LLM_RATE_LIMIT_REJECTIONS,
  LLM_RESPONSE_CACHE_LOOKUPS,
  LLM_UPSTREAM_ERRORS,
  LLM_UPSTREAM_RETRIES,
} from '../../../apps/llm-app/src/telemetry/llm-metric-names';

export const LLM_UID = 'llm';

const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

/**
 * The LLM gateway, on the OpenTelemetry GenAI metric names (in Prometheus form)
 * and the gateway's own llm_* metrics: the contract in docs/observability.md.
 */
export function llmDashboard(): DashboardBuilder {
  const quantile = (q: number, metric: string, by: string) =>
    `histogram_quantile(${q}, sum by (le, ${by}) (${rate(`${metric}_bucket{job="llm-app"}`)}))`;
  return new DashboardBuilder('llm-app: LLM gateway')
    .uid(LLM_UID)
    .tags(['generated', 'llm-app', 'llm'])
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .withRow(new RowBuilder('Tokens and cost'))
    .withPanel(
      graph('Tokens per second', 'Input and output tokens per second, by model and token type.', 'short', [
        {
          expr: `sum by (gen_ai_request_model, gen_ai_token_type) (${rate(`${GEN_AI_TOKEN_USAGE}_sum{job="llm-app"}`)})`,
          legend: '{{gen_ai_request_model}} {{gen_ai_token_type}}',
        },
      ]),
    )
    .withPanel(
      graph('Estimated cost per hour', 'USD per hour at list prices, by model.', 'currencyUSD', [
        {
          expr: `sum by (model) (rate(${LLM_ESTIMATED_COST}{job="llm-app"}[$__rate_interval])) * 3600`,
          legend: '{{model}}',
        },
      ]),
    )
    .withPanel(
      graph(
        'Response cache',
        'Lookups of the exact-match response cache per second, by result (temperature-0 requests only).',
        'ops',
        [
          {
            expr: `sum by (result) (${rate(`${LLM_RESPONSE_CACHE_LOOKUPS}{job="llm-app"}`)})`,
            legend: '{{result}}',
          },
        ],
      ),
    )
    .withRow(new RowBuilder('Operations and endpoints'))
    .withPanel(
      graph(
        'Operations per second',
        'Provider calls by GenAI operation (chat, embeddings) and provider; the Responses API counts as chat.',
        'ops',
        [
          {
            expr: `sum by (gen_ai_operation_name, gen_ai_provider_name) (${rate(`${GEN_AI_OPERATION_DURATION}_count{job="llm-app"}`)})`,
            legend: '{{gen_ai_operation_name}} {{gen_ai_provider_name}}',
          },
        ],
      ),
    )
    .withPanel(
      graph(
        'OpenAI API requests',
        'Requests per second by endpoint (chat completions, responses, embeddings, models) and status.',
        'reqps',
        [
          {
            expr: `sum by (route, status_code) (${rate(`${HTTP_REQUEST_DURATION}_count{job="llm-app",route=~"/v1/.+"}`)})`,
            legend: '{{route}} {{status_code}}',
          },
        ],
      ),
    )
    .withPanel(
      graph('Embedding tokens per second', 'Input tokens embedded per second, by model.', 'short', [
        {
          expr: `sum by (gen_ai_request_model) (${rate(`${GEN_AI_TOKEN_USAGE}_sum{job="llm-app",gen_ai_operation_name="embeddings"}`)})`,
          legend: '{{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation error ratio', 'Failed provider calls over all calls, by operation (5 m).', 'percentunit', [
        {
          expr: `sum by (gen_ai_operation_name) (rate(${GEN_AI_OPERATION_DURATION}_count{job="llm-app",error_type!=""}[5m])) / sum by (gen_ai_operation_name) (rate(${GEN_AI_OPERATION_DURATION}_count{job="llm-app"}[5m]))`,
          legend: '{{gen_ai_operation_name}}',
        },
      ]),
    )
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      graph('Time to first token (p50, p95)', 'From request to the first streamed token, by model.', 's', [
        {
          expr: quantile(0.5, `${GEN_AI_TIME_TO_FIRST_TOKEN}`, 'gen_ai_request_model'),
          legend: 'p50 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.95, `${GEN_AI_TIME_TO_FIRST_TOKEN}`, 'gen_ai_request_model'),
          legend: 'p95 {{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation duration (p50, p95, p99)', 'Whole LLM operation, by operation and model.', 's', [
        {
          expr: quantile(0.5, `${GEN_AI_OPERATION_DURATION}`, 'gen_ai_request_model'),
          legend: 'p50 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.95, `${GEN_AI_OPERATION_DURATION}`, 'gen_ai_request_model'),
          legend: 'p95 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.99, `${GEN_AI_OPERATION_DURATION}`, 'gen_ai_request_model'),
          legend: 'p99 {{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Time per output token (p95)', 'Decode speed seen by clients, by model.', 's', [
        {
          expr: quantile(0.95, `${GEN_AI_TIME_PER_OUTPUT_TOKEN}`, 'gen_ai_request_model'),
          legend: '{{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Gateway overhead (p95, p99)', 'Time the gateway adds on top of the upstream call.', 's', [
        { expr: quantile(0.95, `${LLM_GATEWAY_OVERHEAD}`, 'job'), legend: 'p95' },
        { expr: quantile(0.99, `${LLM_GATEWAY_OVERHEAD}`, 'job'), legend: 'p99' },
      ]),
    )
    .withRow(new RowBuilder('Upstream health and limits'))
    .withPanel(
      graph('Upstream errors and retries', 'Per second, by provider and reason.', 'ops', [
        {
          expr: `sum by (provider, reason) (rate(${LLM_UPSTREAM_ERRORS}{job="llm-app"}[$__rate_interval]))`,
          legend: 'error {{provider}} {{reason}}',
        },
        {
          expr: `sum by (provider, reason) (rate(${LLM_UPSTREAM_RETRIES}{job="llm-app"}[$__rate_interval]))`,
          legend: 'retry {{provider}} {{reason}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation errors by type', 'Failed LLM operations by error.type.', 'ops', [
        {
          expr: `sum by (error_type) (${rate(`${GEN_AI_OPERATION_DURATION}_count{job="llm-app",error_type!=""}`)})`,
          legend: '{{error_type}}',
        },
      ]),
    )
    .withPanel(
      graph('Rate-limit rejections', 'Requests refused by the gateway limits, by kind.', 'ops', [
        {
          expr: `sum by (kind) (rate(${LLM_RATE_LIMIT_REJECTIONS}{job="llm-app"}[$__rate_interval]))`,
          legend: '{{kind}}',
        },
      ]),
    )
    .withPanel(
      graph('Circuit breakers', 'Per provider: 0 closed, 1 half-open, 2 open.', 'short', [
        { expr: `max by (provider) (${LLM_CIRCUIT_BREAKER_STATE}{job="llm-app"})`, legend: '{{provider}}' },
      ]),
    )
    .withRow(new RowBuilder('Logs and traces'))
    .withPanel(
      logs(
        'Gateway errors',
        'llm-app log lines at error level; follow trace_id to Tempo.',
        '{app="llm-app"} | json | level >= 50',
      ),
    )
    .withPanel(
      traces(
        'Slow completions',
        'Chat spans over 10 s.',
        '{ resource.service.name = "llm-app" && span.gen_ai.operation.name = "chat" && duration > 10s }',
      ),
    );
}
