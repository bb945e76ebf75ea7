import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { type ChatCompletionRequest, maxOutputTokens, stopSequences } from '../openai/chat-completion.schema';
import type { ChatCompletionChunkView, ChatCompletionView, UsageView } from '../openai/chat-completion.views';
import type { ProviderRequest, TokenUsage } from '../providers/chat-provider';
import { type ModelRoute, ModelRouter } from '../providers/model-router';
import { InstrumentedProviderCalls, type MeasuredStreamEvent } from '../telemetry/instrumented-provider-calls';
import { newCompletionId } from './completion-id';
import { withFallback } from './provider-fallback';

/** Turns Chat Completions requests into provider calls and provider answers into OpenAI responses. */
@Injectable()
export class CompletionsService {
  constructor(
    private readonly router: ModelRouter,
    private readonly clock: Clock,
    private readonly providerCalls: InstrumentedProviderCalls,
  ) {}

  /** Resolves the model first, so an unknown model fails before any streaming starts. */
  routes(request: ChatCompletionRequest): readonly ModelRoute[] {
    return this.router.routes(request.model);
  }

  /** A completion from the first of the model's routes that can serve it. */
  async complete(
    request: ChatCompletionRequest,
    routes: readonly ModelRoute[],
    signal: AbortSignal,
  ): Promise<ChatCompletionView> {
    const { route, result } = await withFallback(routes, signal, (candidate) =>
      // Every attempt (the fallbacks' too) gets its own span and metrics.
      this.providerCalls.complete(candidate, toProviderRequest(request, candidate), signal),
    );
    return {
      id: newCompletionId(),
      object: 'chat.completion',
      created: this.createdAt(),
      model: route.publicModel,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: result.text, refusal: null },
          finish_reason: result.finishReason,
          logprobs: null,
        },
      ],
      usage: usageView(result.usage),
    };
  }

  /**
   * Starts a streamed completion and waits for its first event, so a provider
   * that cannot serve is replaced by the next route (or fails with a proper
   * HTTP status) before the response has started.
   */
  async openStream(
    request: ChatCompletionRequest,
    routes: readonly ModelRoute[],
    signal: AbortSignal,
    /** Told the stream's token usage once it is known (budgets). */
    onUsage: (usage: TokenUsage) => void = () => undefined,
  ): Promise<AsyncGenerator<ChatCompletionChunkView>> {
    const { route, result } = await withFallback(routes, signal, async (candidate) => {
      const events = this.providerCalls
        .stream(candidate, toProviderRequest(request, candidate), signal)
        [Symbol.asyncIterator]();
      return { events, first: await events.next() };
    });
    return this.chunks(request, route, withFirst(result.first, result.events), onUsage);
  }

  /**
   * The chunks of a streamed completion: a first chunk with the role, one per
   * text delta, a last one with the finish reason and, when asked, a usage
   * chunk with empty choices (as OpenAI sends with include_usage).
   */
  private async *chunks(
    request: ChatCompletionRequest,
    route: ModelRoute,
    events: AsyncIterable<MeasuredStreamEvent>,
    onUsage: (usage: TokenUsage) => void,
  ): AsyncGenerator<ChatCompletionChunkView> {
    const base = {
      id: newCompletionId(),
      object: 'chat.completion.chunk' as const,
      created: this.createdAt(),
      model: route.publicModel,
    };
    const includeUsage = request.stream_options?.include_usage === true;
    let first = true;
    for await (const event of events) {
      if (event.type === 'delta') {
        const delta = first ? { role: 'assistant' as const, content: event.text } : { content: event.text };
        first = false;
        yield { ...base, choices: [{ index: 0, delta, finish_reason: null, logprobs: null }] };
        continue;
      }
      onUsage(event.usage);
      yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: event.finishReason, logprobs: null }] };
      if (includeUsage) yield { ...base, choices: [], usage: usageView(event.usage) };
    }
  }

  private createdAt(): number {
    return Math.floor(this.clock.nowMs() / 1_000);
  }
}

/** The stream again, starting with the event already read from it. */
async function* withFirst<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  if (first.done === true) return;
  yield first.value;
  try {
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  } finally {
    // Ends the provider's generator (and its upstream request) when the consumer stops early.
    await rest.return?.();
  }
}

function toProviderRequest(request: ChatCompletionRequest, route: ModelRoute): ProviderRequest {
  const maxTokens = maxOutputTokens(request);
  return {
    model: route.upstreamModel,
    messages: request.messages,
    stop: stopSequences(request),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(request.temperature === undefined || request.temperature === null ? {} : { temperature: request.temperature }),
    ...(request.top_p === undefined || request.top_p === null ? {} : { topP: request.top_p }),
    ...(request.user === undefined ? {} : { user: request.user }),
  };
}

function usageView(usage: TokenUsage): UsageView {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}
