import type { CircuitState } from '../providers/upstream/circuit-breaker';
import type { ModelPrice } from '../config/llm-env';
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricOnce } from '@app/metrics';
import {
  CIRCUIT_BREAKER_STATE_VALUES,
  type LlmOperationLabels,
  type LlmOperationOutcome,
  LlmMetrics,
  type RateLimitKind,
} from './llm-metrics';
import * as names from './llm-metric-names';
import { estimatedCostUsd } from './price-table';
import type { UpstreamErrorReason } from './upstream-error-reason';

type OperationLabel = 'gen_ai_operation_name' | 'gen_ai_provider_name' | 'gen_ai_request_model';
type ResponseLabel = OperationLabel | 'gen_ai_response_model';

const OPERATION_LABELS: OperationLabel[] = ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model'];
const RESPONSE_LABELS: ResponseLabel[] = [...OPERATION_LABELS, 'gen_ai_response_model'];
const UPSTREAM_ERROR_REASONS: UpstreamErrorReason[] = [
  'timeout',
  'connection',
  'status_5xx',
  'status_429',
  'auth',
  'aborted',
];

const operationLabels = (labels: LlmOperationLabels): Record<OperationLabel, string> => ({
  gen_ai_operation_name: labels.operation,
  gen_ai_provider_name: labels.provider,
  gen_ai_request_model: labels.requestModel,
});

export class PrometheusLlmMetrics extends LlmMetrics {
  private readonly tokens = metricOnce(
    names.GEN_AI_TOKEN_USAGE,
    () =>
      new Histogram<ResponseLabel | 'gen_ai_token_type'>({
        name: names.GEN_AI_TOKEN_USAGE,
        help: 'Tokens per LLM operation, by operation, provider, request and response model, and token type (input, output; cache_read and reasoning are parts of input and output).',
        labelNames: [...RESPONSE_LABELS, 'gen_ai_token_type'],
        buckets: names.TOKEN_BUCKETS,
      }),
  );

  private readonly duration = metricOnce(
    names.GEN_AI_OPERATION_DURATION,
    () =>
      new Histogram<ResponseLabel | 'error_type'>({
        name: names.GEN_AI_OPERATION_DURATION,
        help: 'Whole LLM operation as the gateway sees it; error_type is empty on success.',
        labelNames: [...RESPONSE_LABELS, 'error_type'],
        buckets: names.OPERATION_SECONDS_BUCKETS,
      }),
  );

  private readonly firstToken = metricOnce(
    names.GEN_AI_TIME_TO_FIRST_TOKEN,
    () =>
      new Histogram<OperationLabel>({
        name: names.GEN_AI_TIME_TO_FIRST_TOKEN,
        help: 'From the provider call to the first streamed token.',
        labelNames: OPERATION_LABELS,
        buckets: names.TIME_TO_FIRST_TOKEN_BUCKETS,
      }),
  );

  private readonly perOutputToken = metricOnce(
    names.GEN_AI_TIME_PER_OUTPUT_TOKEN,
    () =>
      new Histogram<OperationLabel>({
        name: names.GEN_AI_TIME_PER_OUTPUT_TOKEN,
        help: 'Decode time per output token after the first, per stream.',
        labelNames: OPERATION_LABELS,
        buckets: names.TIME_PER_OUTPUT_TOKEN_BUCKETS,
      }),
  );

  private readonly overhead = metricOnce(
    names.LLM_GATEWAY_OVERHEAD,
    () =>
      new Histogram({
        name: names.LLM_GATEWAY_OVERHEAD,
        help: 'Time a completion spent in the gateway rather than waiting for the provider.',
        buckets: names.OVERHEAD_BUCKETS,
      }),
  );

  private readonly upstreamErrors = metricOnce(
    names.LLM_UPSTREAM_ERRORS,
    () =>
      new Counter<'provider' | 'reason'>({
        name: names.LLM_UPSTREAM_ERRORS,
        help: 'Provider calls that failed, by provider and reason (timeout, connection, status_5xx, status_429, auth, aborted, other).',
        labelNames: ['provider', 'reason'],
      }),
  );

  private readonly upstreamRetries = metricOnce(
    names.LLM_UPSTREAM_RETRIES,
    () =>
      new Counter<'provider' | 'reason'>({
        name: names.LLM_UPSTREAM_RETRIES,
        help: 'Provider calls retried, by provider and the reason the previous attempt failed.',
        labelNames: ['provider', 'reason'],
      }),
  );

  private readonly cost = metricOnce(
    names.LLM_ESTIMATED_COST,
    () =>
      new Counter<'model'>({
        name: names.LLM_ESTIMATED_COST,
        help: 'Estimated spend in USD at the LLM_PRICES list prices, by request model.',
        labelNames: ['model'],
      }),
  );

  private readonly rateLimitRejections = metricOnce(
    names.LLM_RATE_LIMIT_REJECTIONS,
    () =>
      new Counter<'kind'>({
        name: names.LLM_RATE_LIMIT_REJECTIONS,
        help: "Requests refused by the gateway's own limits, by kind.",
        labelNames: ['kind'],
      }),
  );

  private readonly responseCacheLookups = metricOnce(names.LLM_RESPONSE_CACHE_LOOKUPS, () => {
    const counter = new Counter<'result'>({
      name: names.LLM_RESPONSE_CACHE_LOOKUPS,
      help: 'Lookups of the exact-match response cache (temperature 0, not streamed), by result: hit or miss.',
      labelNames: ['result'],
    });
    // Both series exist from the start, so the hit ratio is defined before the first hit.
    for (const result of ['hit', 'miss']) counter.inc({ result }, 0);
    return counter;
  });

  private readonly breakerState = metricOnce(
    names.LLM_CIRCUIT_BREAKER_STATE,
    () =>
      new Gauge<'provider'>({
        name: names.LLM_CIRCUIT_BREAKER_STATE,
        help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open.',
        labelNames: ['provider'],
      }),
  );

  constructor(private readonly prices: Readonly<Record<string, ModelPrice>>) {
    super();
  }

  operationFinished(outcome: LlmOperationOutcome): void {
    const labels = { ...operationLabels(outcome), gen_ai_response_model: outcome.responseModel };
    this.duration.observe({ ...labels, error_type: outcome.errorType ?? '' }, outcome.seconds);
    const input = outcome.inputTokens ?? 0;
    const output = outcome.outputTokens ?? 0;
    if (outcome.inputTokens !== undefined) this.tokens.observe({ ...labels, gen_ai_token_type: 'input' }, input);
    if (outcome.outputTokens !== undefined) this.tokens.observe({ ...labels, gen_ai_token_type: 'output' }, output);
    if (outcome.cachedInputTokens !== undefined) {
      this.tokens.observe({ ...labels, gen_ai_token_type: 'cache_read' }, outcome.cachedInputTokens);
    }
    if (outcome.reasoningTokens !== undefined) {
      this.tokens.observe({ ...labels, gen_ai_token_type: 'reasoning' }, outcome.reasoningTokens);
    }
    if (outcome.errorType === undefined) {
      this.cost.inc(
        { model: outcome.requestModel },
        estimatedCostUsd(this.prices, outcome.requestModel, input, output),
      );
    }
  }

  timeToFirstToken(labels: LlmOperationLabels, seconds: number): void {
    this.firstToken.observe(operationLabels(labels), seconds);
  }

  timePerOutputToken(labels: LlmOperationLabels, seconds: number): void {
    this.perOutputToken.observe(operationLabels(labels), seconds);
  }

  gatewayOverhead(seconds: number): void {
    this.overhead.observe(seconds);
  }

  upstreamError(provider: string, reason: UpstreamErrorReason): void {
    this.upstreamErrors.inc({ provider, reason });
  }

  upstreamRetry(provider: string, reason: UpstreamErrorReason): void {
    this.upstreamRetries.inc({ provider, reason });
  }

  circuitBreakerState(provider: string, state: CircuitState): void {
    this.breakerState.set({ provider }, CIRCUIT_BREAKER_STATE_VALUES[state]);
  }

  rateLimitRejected(kind: RateLimitKind): void {
    this.rateLimitRejections.inc({ kind });
  }

  responseCacheLookup(result: 'hit' | 'miss'): void {
    this.responseCacheLookups.inc({ result });
  }

  prepareProvider(provider: string): void {
    for (const reason of UPSTREAM_ERROR_REASONS) this.upstreamErrors.inc({ provider, reason }, 0);
  }
}
