import { Injectable } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import { type ChatCompletionRequest, maxOutputTokens, stopSequences } from '../openai/chat-completion.schema';
import type { ChatCompletionChunkView, ChatCompletionView, UsageView } from '../openai/chat-completion.views';
import type { ProviderRequest, TokenUsage } from '../providers/chat-provider';
import { type ModelRoute, ModelRouter } from '../providers/model-router';
import { InstrumentedProviderCalls, type MeasuredStreamEvent } from '../telemetry/instrumented-provider-calls';
import { newCompletionId } from './completion-id';
import { withFallback } from './provider-fallback';

type Headers = Readonly<Record<string, string>>;

/** A completion for the client, the usage the gateway measured (budgets) and headers to send back. */
export interface CompletionResult {
  readonly completion: ChatCompletionView;
  readonly usage: TokenUsage;
  readonly headers: Headers;
}

export interface StreamResult {
  readonly chunks: AsyncGenerator<ChatCompletionChunkView>;
  readonly headers: Headers;
}

/**
 * Turns Chat Completions requests into provider calls and relays the
 * provider's answer: its own chat.completion object (or chunks), unchanged
 * but for the public model name; only a provider that gives text alone gets
 * its answer built here.
 */
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
  ): Promise<CompletionResult> {
    const { route, result } = await withFallback(routes, signal, (candidate) =>
      // Every attempt (the fallbacks' too) gets its own span and metrics.
      this.providerCalls.complete(candidate, toProviderRequest(request, candidate), signal),
    );
    const headers = result.headers ?? {};
    if (result.wire !== undefined) {
      const wire = result.wire as Partial<ChatCompletionView>;
      const completion = {
        ...wire,
        model: route.publicModel,
        // An upstream that reports no usage gets the gateway's count.
        usage: wire.usage ?? usageView(result.usage),
      } as ChatCompletionView;
      return { completion, usage: result.usage, headers };
    }
    const completion: ChatCompletionView = {
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
    return { completion, usage: result.usage, headers };
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
  ): Promise<StreamResult> {
    const { route, result } = await withFallback(routes, signal, async (candidate) => {
      const events = this.providerCalls
        .stream(candidate, toProviderRequest(request, candidate), signal)
        [Symbol.asyncIterator]();
      return { events, first: await events.next() };
    });
    const first = result.first.done === true ? undefined : result.first.value;
    const headers = first?.type === 'delta' ? (first.headers ?? {}) : {};
    return { chunks: this.chunks(request, route, withFirst(result.first, result.events), onUsage), headers };
  }

  /**
   * The chunks of a streamed completion. A provider's own chunks are relayed
   * as they come (their usage only when the client asked for it); otherwise
   * the gateway builds them: a first chunk with the role, one per text delta,
   * a last one with the finish reason. With include_usage, a usage chunk with
   * empty choices ends the stream (as OpenAI sends it), the provider's own or
   * the gateway's count.
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
    let relayed: ChatCompletionChunkView | undefined;
    let usageSent = false;
    for await (const event of events) {
      if (event.type === 'delta') {
        if (event.chunk !== undefined) {
          const chunk = { ...event.chunk, model: route.publicModel } as ChatCompletionChunkView;
          // The gateway asked for usage for its budgets; the client did not.
          if (!includeUsage) delete chunk.usage;
          else if (chunk.usage !== undefined && chunk.usage !== null) usageSent = true;
          relayed = chunk;
          yield chunk;
          continue;
        }
        const delta = first ? { role: 'assistant' as const, content: event.text } : { content: event.text };
        first = false;
        yield { ...base, choices: [{ index: 0, delta, finish_reason: null, logprobs: null }] };
        continue;
      }
      onUsage(event.usage);
      if (relayed === undefined) {
        yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: event.finishReason, logprobs: null }] };
      }
      if (!includeUsage || usageSent) continue;
      if (event.usageChunk !== undefined) {
        yield { ...event.usageChunk, model: route.publicModel } as ChatCompletionChunkView;
        continue;
      }
      const ids = relayed === undefined ? base : { ...base, id: relayed.id, created: relayed.created };
      yield { ...ids, choices: [], usage: usageView(event.usage) };
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
    body: request,
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
