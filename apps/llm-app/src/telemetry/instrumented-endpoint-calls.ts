import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { type Attributes, type Span, SpanKind, context, trace } from '@opentelemetry/api';
import type { ModelRoute } from '../providers/model-router';
import { CompletionLog } from './completion-log';
import { llmTracer, recordFailure } from './gen-ai-span';
import { type LlmOperationLabels, LlmMetrics } from './llm-metrics';
import { upstreamErrorReason } from './upstream-error-reason';
import { LlmAppConfig } from '../config/llm-app-config';

export const GEN_AI_OPERATION_EMBEDDINGS = 'embeddings';

/** What a call is: its GenAI operation, and the request attributes its span carries from the start. */
export interface EndpointOperation {
  /** gen_ai.operation.name: `embeddings`, or `chat` for the Responses API (with openai.api.type). */
  readonly operation: string;
  /** openai.api.type, where the OpenAI conventions define one (`responses`). */
  readonly apiType?: string;
  readonly stream: boolean;
  readonly attributes?: Attributes;
  /** gen_ai.input.messages, recorded only with LLM_CAPTURE_CONTENT=true. */
  readonly inputContent?: () => unknown;
}

/** What the call produced, as far as telemetry and budgets need it. */
export interface EndpointOutcome {
  readonly inputTokens: number;
  readonly outputTokens?: number;
  readonly responseModel?: string;
  readonly responseId?: string;
  readonly finishReasons?: readonly string[];
  /** gen_ai.output.messages, recorded only with LLM_CAPTURE_CONTENT=true. */
  readonly outputContent?: () => unknown;
  /** Set when the provider answered, but with a failure (a `response.failed` event). */
  readonly failed?: boolean;
}

/** How a stream's events are read: whether one carries output (the first is time to first token) or ends it. */
export interface StreamObserver<E> {
  isOutput(event: E): boolean;
  /** The outcome, on the event that ends the stream. */
  outcomeOf(event: E): EndpointOutcome | undefined;
}

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1_000;

/**
 * The provider boundary of the endpoints beyond chat (embeddings, the Responses API), measured as
 * chat's is: a GenAI CLIENT span per call (the fallbacks' too) named `{operation} {model}`, the GenAI
 * duration and token metrics, time to first token for streams, upstream errors, and one log line.
 * No prompt or output content unless LLM_CAPTURE_CONTENT is on.
 */
@Injectable()
export class InstrumentedEndpointCalls {
  private readonly tracer = llmTracer();
  private readonly captureContent: boolean;

  constructor(
    private readonly metrics: LlmMetrics,
    config: LlmAppConfig,
    private readonly log: CompletionLog,
  ) {
    this.captureContent = config.llm.telemetry.captureContent;
  }

  async call<T>(
    route: ModelRoute,
    operation: EndpointOperation,
    signal: AbortSignal,
    run: () => Promise<T>,
    outcomeOf: (result: T) => EndpointOutcome,
  ): Promise<T> {
    const startedMs = performance.now();
    const span = this.start(route, operation);
    let result: T;
    try {
      result = await context.with(trace.setSpan(context.active(), span), run);
    } catch (error) {
      this.failed(span, route, operation, startedMs, error, signal);
      throw error;
    }
    this.succeeded(span, route, operation, startedMs, undefined, outcomeOf(result));
    return result;
  }

  async *stream<E>(
    route: ModelRoute,
    operation: EndpointOperation,
    signal: AbortSignal,
    open: () => AsyncIterable<E>,
    observer: StreamObserver<E>,
  ): AsyncGenerator<E> {
    const startedMs = performance.now();
    const span = this.start(route, operation);
    const spanContext = trace.setSpan(context.active(), span);
    const events = context.with(spanContext, () => open()[Symbol.asyncIterator]());
    let firstOutputMs: number | undefined;
    let settled = false;
    try {
      for (;;) {
        const next = await context.with(spanContext, () => events.next());
        if (next.done === true) break;
        if (firstOutputMs === undefined && observer.isOutput(next.value)) {
          firstOutputMs = performance.now();
          this.metrics.timeToFirstToken(this.labels(route, operation), seconds(startedMs));
        }
        const outcome = observer.outcomeOf(next.value);
        if (outcome !== undefined && !settled) {
          settled = true;
          this.succeeded(span, route, operation, startedMs, firstOutputMs, outcome);
        }
        yield next.value;
      }
    } catch (error) {
      if (!settled) {
        settled = true;
        this.failed(span, route, operation, startedMs, error, signal);
      }
      throw error;
    } finally {
      if (!settled) this.failed(span, route, operation, startedMs, undefined, signal);
      await events.return?.();
    }
  }

  private start(route: ModelRoute, operation: EndpointOperation): Span {
    const attributes: Attributes = {
      'gen_ai.operation.name': operation.operation,
      'gen_ai.provider.name': route.provider.name,
      'gen_ai.request.model': route.upstreamModel,
      'gen_ai.request.stream': operation.stream,
      ...(operation.apiType === undefined ? {} : { 'openai.api.type': operation.apiType }),
      ...(route.provider.serverAddress === undefined ? {} : { 'server.address': route.provider.serverAddress }),
      ...operation.attributes,
    };
    const span = this.tracer.startSpan(`${operation.operation} ${route.upstreamModel}`, {
      kind: SpanKind.CLIENT,
      attributes,
    });
    if (this.captureContent && operation.inputContent !== undefined) {
      span.setAttribute('gen_ai.input.messages', JSON.stringify(operation.inputContent()));
    }
    return span;
  }

  private labels(route: ModelRoute, operation: EndpointOperation): LlmOperationLabels {
    return { operation: operation.operation, provider: route.provider.name, requestModel: route.upstreamModel };
  }

  private succeeded(
    span: Span,
    route: ModelRoute,
    operation: EndpointOperation,
    startedMs: number,
    firstOutputMs: number | undefined,
    outcome: EndpointOutcome,
  ): void {
    const responseModel = outcome.responseModel ?? route.upstreamModel;
    const elapsed = seconds(startedMs);
    this.metrics.operationFinished({
      ...this.labels(route, operation),
      responseModel,
      seconds: elapsed,
      inputTokens: outcome.inputTokens,
      ...(outcome.outputTokens === undefined ? {} : { outputTokens: outcome.outputTokens }),
      ...(outcome.failed === true ? { errorType: 'other' as const } : {}),
    });
    span.setAttributes({
      'gen_ai.response.model': responseModel,
      'gen_ai.usage.input_tokens': outcome.inputTokens,
      ...(outcome.outputTokens === undefined ? {} : { 'gen_ai.usage.output_tokens': outcome.outputTokens }),
      ...(outcome.responseId === undefined ? {} : { 'gen_ai.response.id': outcome.responseId }),
      ...(outcome.finishReasons === undefined ? {} : { 'gen_ai.response.finish_reasons': [...outcome.finishReasons] }),
    });
    if (outcome.failed === true) recordFailure(span, 'other', undefined);
    if (this.captureContent && outcome.outputContent !== undefined) {
      span.setAttribute('gen_ai.output.messages', JSON.stringify(outcome.outputContent()));
    }
    context.with(trace.setSpan(context.active(), span), () =>
      this.log.write({
        provider: route.provider.name,
        model: route.upstreamModel,
        responseModel,
        stream: operation.stream,
        status: outcome.failed === true ? 'error' : 'ok',
        ...(outcome.finishReasons?.[0] === undefined ? {} : { finishReason: outcome.finishReasons[0] }),
        inputTokens: outcome.inputTokens,
        ...(outcome.outputTokens === undefined ? {} : { outputTokens: outcome.outputTokens }),
        latencyMs: elapsed * 1_000,
        ...(firstOutputMs === undefined ? {} : { timeToFirstTokenMs: firstOutputMs - startedMs }),
      }),
    );
    span.end();
  }

  private failed(
    span: Span,
    route: ModelRoute,
    operation: EndpointOperation,
    startedMs: number,
    error: unknown,
    signal: AbortSignal,
  ): void {
    const reason = error === undefined ? 'aborted' : upstreamErrorReason(error, signal);
    const elapsed = seconds(startedMs);
    this.metrics.upstreamError(route.provider.name, reason);
    this.metrics.operationFinished({
      ...this.labels(route, operation),
      responseModel: route.upstreamModel,
      seconds: elapsed,
      errorType: reason,
    });
    recordFailure(span, reason, error);
    context.with(trace.setSpan(context.active(), span), () =>
      this.log.write({
        provider: route.provider.name,
        model: route.upstreamModel,
        responseModel: route.upstreamModel,
        stream: operation.stream,
        status: 'error',
        errorType: reason,
        latencyMs: elapsed * 1_000,
      }),
    );
    span.end();
  }
}
