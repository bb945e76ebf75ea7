import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { type Span, context, trace } from '@opentelemetry/api';
import { messageText } from '../openai/chat-completion.schema';
import type {
  FinishReason,
  ProviderCompletion,
  ProviderRequest,
  ProviderStreamEvent,
  TokenUsage,
} from '../providers/chat-provider';
import type { ModelRoute } from '../providers/model-router';
import { TokenCounter } from '../providers/token-counter';
import { CompletionLog } from './completion-log';
import {
  GEN_AI_OPERATION_CHAT,
  llmTracer,
  recordFailure,
  recordInputMessages,
  recordOutputMessages,
  recordResponse,
  startProviderSpan,
  textOutput,
} from './gen-ai-span';
import { type OutputMessage, OutputMessages } from './output-messages';
import { type LlmOperationLabels, LlmMetrics } from './llm-metrics';
import { estimateUsage } from './usage-estimate';
import { upstreamErrorReason } from './upstream-error-reason';
import { LlmAppConfig } from '../config/llm-app-config';

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1_000;

/** A provider's answer with its usage always known: reported by the provider, else counted here. */
export type MeasuredCompletion = ProviderCompletion & { readonly usage: TokenUsage };
export type MeasuredStreamEvent =
  | Extract<ProviderStreamEvent, { type: 'delta' }>
  | (Extract<ProviderStreamEvent, { type: 'done' }> & { readonly usage: TokenUsage });

interface CallEnd {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly finishReasons?: readonly string[];
  /** Only with LLM_CAPTURE_CONTENT=true. */
  readonly output?: () => OutputMessage[];
  readonly usage?: TokenUsage;
  readonly responseModel?: string;
  readonly responseId?: string;
}

/**
 * The boundary where the gateway calls a provider: every call gets a GenAI
 * CLIENT span, the GenAI and llm_* metrics and one completion log line,
 * whichever provider serves it. Providers themselves stay free of telemetry.
 */
@Injectable()
export class InstrumentedProviderCalls {
  private readonly tracer = llmTracer();
  private readonly captureContent: boolean;

  constructor(
    private readonly metrics: LlmMetrics,
    private readonly tokens: TokenCounter,
    config: LlmAppConfig,
    private readonly log: CompletionLog,
  ) {
    this.captureContent = config.llm.telemetry.captureContent;
  }

  async complete(route: ModelRoute, request: ProviderRequest, signal: AbortSignal): Promise<MeasuredCompletion> {
    const startedMs = performance.now();
    const span = this.start(route, request, false);
    try {
      const upstreamStart = performance.now();
      const result = await context.with(trace.setSpan(context.active(), span), () =>
        route.provider.complete(request, signal),
      );
      const upstreamMs = performance.now() - upstreamStart;
      const wire = result.wire;
      const output = wire === undefined ? undefined : () => OutputMessages.ofCompletion(wire);
      const usage = this.succeeded(span, route, request, false, startedMs, undefined, {
        ...result,
        ...(output === undefined ? {} : { output }),
      });
      this.metrics.gatewayOverhead(Math.max(seconds(startedMs) - upstreamMs / 1_000, 0));
      return { ...result, usage };
    } catch (error) {
      this.failed(span, route, request, false, startedMs, error, signal);
      throw error;
    }
  }

  /**
   * The provider's stream, instrumented. Time spent waiting for the provider's
   * next event is upstream time; the rest, until the stream ends, is the
   * gateway's (building and writing chunks): that is the gateway overhead.
   */
  async *stream(route: ModelRoute, request: ProviderRequest, signal: AbortSignal): AsyncGenerator<MeasuredStreamEvent> {
    const startedMs = performance.now();
    const span = this.start(route, request, true);
    const spanContext = trace.setSpan(context.active(), span);
    const events = context.with(spanContext, () => route.provider.stream(request, signal)[Symbol.asyncIterator]());
    let upstreamMs = 0;
    let firstTokenMs: number | undefined;
    let text = '';
    let settled = false;
    const output = this.captureContent ? new OutputMessages() : undefined;
    try {
      for (;;) {
        const waitStart = performance.now();
        const next = await context.with(spanContext, () => events.next());
        upstreamMs += performance.now() - waitStart;
        if (next.done === true) break;
        const event = next.value;
        if (event.type === 'delta') {
          text += event.text;
          if (event.chunk !== undefined) output?.addChunk(event.chunk);
          if (firstTokenMs === undefined) {
            firstTokenMs = performance.now();
            this.metrics.timeToFirstToken(this.labels(route, request), seconds(startedMs));
          }
          yield event;
          continue;
        }
        settled = true;
        const end: CallEnd = { ...event, text, ...(output === undefined ? {} : { output: () => output.list() }) };
        const usage = this.succeeded(span, route, request, true, startedMs, firstTokenMs, end);
        if (firstTokenMs !== undefined && usage.completionTokens > 1) {
          this.metrics.timePerOutputToken(
            this.labels(route, request),
            seconds(firstTokenMs) / (usage.completionTokens - 1),
          );
        }
        yield { ...event, usage };
      }
      this.metrics.gatewayOverhead(Math.max(seconds(startedMs) - upstreamMs / 1_000, 0));
    } catch (error) {
      if (!settled) {
        settled = true;
        this.failed(span, route, request, true, startedMs, error, signal);
      }
      throw error;
    } finally {
      // The consumer stopped early (the client left): the call ends here, unfinished.
      if (!settled) this.failed(span, route, request, true, startedMs, undefined, signal);
    }
  }

  private start(route: ModelRoute, request: ProviderRequest, stream: boolean): Span {
    const span = startProviderSpan(this.tracer, route, request, stream);
    if (this.captureContent) recordInputMessages(span, request);
    return span;
  }

  private labels(route: ModelRoute, request: ProviderRequest): LlmOperationLabels {
    return { operation: GEN_AI_OPERATION_CHAT, provider: route.provider.name, requestModel: request.model };
  }

  private succeeded(
    span: Span,
    route: ModelRoute,
    request: ProviderRequest,
    stream: boolean,
    startedMs: number,
    firstTokenMs: number | undefined,
    end: CallEnd,
  ): TokenUsage {
    const usage = end.usage ?? estimateUsage(this.tokens, request, end.text);
    const responseModel = end.responseModel ?? request.model;
    const elapsed = seconds(startedMs);
    this.metrics.operationFinished({
      ...this.labels(route, request),
      responseModel,
      seconds: elapsed,
      inputTokens: usage.promptTokens,
      outputTokens: usage.completionTokens,
      ...(usage.cachedInputTokens === undefined ? {} : { cachedInputTokens: usage.cachedInputTokens }),
      ...(usage.reasoningTokens === undefined ? {} : { reasoningTokens: usage.reasoningTokens }),
    });
    const finishReasons = end.finishReasons ?? [end.finishReason];
    recordResponse(span, {
      responseModel,
      ...(end.responseId === undefined ? {} : { responseId: end.responseId }),
      finishReasons,
      usage,
    });
    if (this.captureContent) {
      recordOutputMessages(span, end.output?.() ?? textOutput(end.text, end.finishReason));
    }
    context.with(trace.setSpan(context.active(), span), () =>
      this.log.write({
        provider: route.provider.name,
        model: request.model,
        responseModel,
        stream,
        status: 'ok',
        finishReason: finishReasons.join(','),
        inputTokens: usage.promptTokens,
        outputTokens: usage.completionTokens,
        latencyMs: elapsed * 1_000,
        ...(firstTokenMs === undefined ? {} : { timeToFirstTokenMs: firstTokenMs - startedMs }),
        ...this.promptField(request),
      }),
    );
    span.end();
    return usage;
  }

  private failed(
    span: Span,
    route: ModelRoute,
    request: ProviderRequest,
    stream: boolean,
    startedMs: number,
    error: unknown,
    signal: AbortSignal,
  ): void {
    const reason = error === undefined ? 'aborted' : upstreamErrorReason(error, signal);
    const elapsed = seconds(startedMs);
    this.metrics.upstreamError(route.provider.name, reason);
    this.metrics.operationFinished({
      ...this.labels(route, request),
      responseModel: request.model,
      seconds: elapsed,
      errorType: reason,
    });
    recordFailure(span, reason, error);
    context.with(trace.setSpan(context.active(), span), () =>
      this.log.write({
        provider: route.provider.name,
        model: request.model,
        responseModel: request.model,
        stream,
        status: 'error',
        errorType: reason,
        latencyMs: elapsed * 1_000,
        ...this.promptField(request),
      }),
    );
    span.end();
  }

  private promptField(request: ProviderRequest): { prompt?: string } {
    if (!this.captureContent) return {};
    return { prompt: request.messages.map((message) => `${message.role}: ${messageText(message)}`).join('\n') };
  }
}
