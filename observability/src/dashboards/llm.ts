import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { graph, logs, traces } from './panels';

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
          expr: `sum by (gen_ai_request_model, gen_ai_token_type) (${rate('gen_ai_client_token_usage_sum{job="llm-app"}')})`,
          legend: '{{gen_ai_request_model}} {{gen_ai_token_type}}',
        },
      ]),
    )
    .withPanel(
      graph('Estimated cost per hour', 'USD per hour at list prices, by model.', 'currencyUSD', [
        {
          expr: 'sum by (model) (rate(llm_estimated_cost_usd_total{job="llm-app"}[$__rate_interval])) * 3600',
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
            expr: `sum by (result) (${rate('llm_response_cache_lookups_total{job="llm-app"}')})`,
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
            expr: `sum by (gen_ai_operation_name, gen_ai_provider_name) (${rate('gen_ai_client_operation_duration_seconds_count{job="llm-app"}')})`,
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
            expr: `sum by (route, status_code) (${rate('http_server_request_duration_seconds_count{job="llm-app",route=~"/v1/.+"}')})`,
            legend: '{{route}} {{status_code}}',
          },
        ],
      ),
    )
    .withPanel(
      graph('Embedding tokens per second', 'Input tokens embedded per second, by model.', 'short', [
        {
          expr: `sum by (gen_ai_request_model) (${rate('gen_ai_client_token_usage_sum{job="llm-app",gen_ai_operation_name="embeddings"}')})`,
          legend: '{{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation error ratio', 'Failed provider calls over all calls, by operation (5 m).', 'percentunit', [
        {
          expr: 'sum by (gen_ai_operation_name) (rate(gen_ai_client_operation_duration_seconds_count{job="llm-app",error_type!=""}[5m])) / sum by (gen_ai_operation_name) (rate(gen_ai_client_operation_duration_seconds_count{job="llm-app"}[5m]))',
          legend: '{{gen_ai_operation_name}}',
        },
      ]),
    )
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      graph('Time to first token (p50, p95)', 'From request to the first streamed token, by model.', 's', [
        {
          expr: quantile(0.5, 'gen_ai_server_time_to_first_token_seconds', 'gen_ai_request_model'),
          legend: 'p50 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.95, 'gen_ai_server_time_to_first_token_seconds', 'gen_ai_request_model'),
          legend: 'p95 {{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation duration (p50, p95, p99)', 'Whole LLM operation, by operation and model.', 's', [
        {
          expr: quantile(0.5, 'gen_ai_client_operation_duration_seconds', 'gen_ai_request_model'),
          legend: 'p50 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.95, 'gen_ai_client_operation_duration_seconds', 'gen_ai_request_model'),
          legend: 'p95 {{gen_ai_request_model}}',
        },
        {
          expr: quantile(0.99, 'gen_ai_client_operation_duration_seconds', 'gen_ai_request_model'),
          legend: 'p99 {{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Time per output token (p95)', 'Decode speed seen by clients, by model.', 's', [
        {
          expr: quantile(0.95, 'gen_ai_server_time_per_output_token_seconds', 'gen_ai_request_model'),
          legend: '{{gen_ai_request_model}}',
        },
      ]),
    )
    .withPanel(
      graph('Gateway overhead (p95, p99)', 'Time the gateway adds on top of the upstream call.', 's', [
        { expr: quantile(0.95, 'llm_gateway_overhead_seconds', 'job'), legend: 'p95' },
        { expr: quantile(0.99, 'llm_gateway_overhead_seconds', 'job'), legend: 'p99' },
      ]),
    )
    .withRow(new RowBuilder('Upstream health and limits'))
    .withPanel(
      graph('Upstream errors and retries', 'Per second, by provider and reason.', 'ops', [
        {
          expr: 'sum by (provider, reason) (rate(llm_upstream_errors_total{job="llm-app"}[$__rate_interval]))',
          legend: 'error {{provider}} {{reason}}',
        },
        {
          expr: 'sum by (provider, reason) (rate(llm_upstream_retries_total{job="llm-app"}[$__rate_interval]))',
          legend: 'retry {{provider}} {{reason}}',
        },
      ]),
    )
    .withPanel(
      graph('Operation errors by type', 'Failed LLM operations by error.type.', 'ops', [
        {
          expr: `sum by (error_type) (${rate('gen_ai_client_operation_duration_seconds_count{job="llm-app",error_type!=""}')})`,
          legend: '{{error_type}}',
        },
      ]),
    )
    .withPanel(
      graph('Rate-limit rejections', 'Requests refused by the gateway limits, by kind.', 'ops', [
        {
          expr: 'sum by (kind) (rate(llm_rate_limit_rejections_total{job="llm-app"}[$__rate_interval]))',
          legend: '{{kind}}',
        },
      ]),
    )
    .withPanel(
      graph('Circuit breakers', 'Per provider: 0 closed, 1 half-open, 2 open.', 'short', [
        { expr: 'max by (provider) (llm_circuit_breaker_state{job="llm-app"})', legend: '{{provider}}' },
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
