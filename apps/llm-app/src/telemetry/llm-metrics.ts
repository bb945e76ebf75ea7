import type { CircuitState } from '../providers/upstream/circuit-breaker';
import type { UpstreamErrorReason } from './upstream-error-reason';

/** The labels every GenAI operation metric carries: bounded by configuration, never by clients. */
export interface LlmOperationLabels {
  /** gen_ai.operation.name: "chat". */
  readonly operation: string;
  readonly provider: string;
  /** The model name sent to the provider (a configured route). */
  readonly requestModel: string;
}

export interface LlmOperationOutcome extends LlmOperationLabels {
  /** The model that answered, as the provider says; the request model when it does not. */
  readonly responseModel: string;
  readonly seconds: number;
  /** Set on failure only: an UpstreamErrorReason. */
  readonly errorType?: UpstreamErrorReason;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Of the input tokens, those read from the provider's prompt cache. */
  readonly cachedInputTokens?: number;
  /** Of the output tokens, those spent on reasoning. */
  readonly reasoningTokens?: number;
}

export const CIRCUIT_BREAKER_STATE_VALUES: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/** A request the gateway refused itself: by request count or by token budget. */
export type RateLimitKind = 'requests' | 'tokens';

/**
 * The gateway's LLM metrics (docs/observability.md). Inject it to record;
 * with METRICS_ENABLED=false Nest provides a no-op.
 */
export abstract class LlmMetrics {
  /** One finished provider call: duration, token usage and estimated cost. */
  abstract operationFinished(outcome: LlmOperationOutcome): void;
  abstract timeToFirstToken(labels: LlmOperationLabels, seconds: number): void;
  /** Decode time per output token after the first, of one stream. */
  abstract timePerOutputToken(labels: LlmOperationLabels, seconds: number): void;
  /** Time a completion spent in the gateway rather than waiting for the provider. */
  abstract gatewayOverhead(seconds: number): void;
  abstract upstreamError(provider: string, reason: UpstreamErrorReason): void;
  /** A provider call about to be retried, with the reason the previous attempt failed. */
  abstract upstreamRetry(provider: string, reason: UpstreamErrorReason): void;
  abstract circuitBreakerState(provider: string, state: CircuitState): void;
  abstract rateLimitRejected(kind: RateLimitKind): void;
  /** One lookup of the exact-match response cache. */
  abstract responseCacheLookup(result: 'hit' | 'miss'): void;
  /** Creates a provider's error series at 0, so error ratios exist before the first failure. */
  abstract prepareProvider(provider: string): void;
}

/** METRICS_ENABLED=false: recording costs nothing. */
export class NoLlmMetrics extends LlmMetrics {
  operationFinished(): void {}
  timeToFirstToken(): void {}
  timePerOutputToken(): void {}
  gatewayOverhead(): void {}
  upstreamError(): void {}
  upstreamRetry(): void {}
  circuitBreakerState(): void {}
  rateLimitRejected(): void {}
  responseCacheLookup(): void {}
  prepareProvider(): void {}
}
