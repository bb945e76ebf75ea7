import { Injectable } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import { type ChatCompletionRequest, maxOutputTokens, stopSequences } from '../openai/chat-completion.schema';
import type { ChatCompletionView, UsageView } from '../openai/chat-completion.views';
import type { ProviderRequest, TokenUsage, WireObject } from '../providers/chat-provider';
import { type ModelRoute, ModelRouter } from '../providers/model-router';
import { InstrumentedProviderCalls, type MeasuredStreamEvent } from '../telemetry/instrumented-provider-calls';
import { newCompletionId } from './completion-id';
import { withMember } from './json-members';
import { withFallback } from './provider-fallback';

type Headers = Readonly<Record<string, string>>;

/** A completion for the client, the usage the gateway measured (budgets) and headers to send back. */
export interface CompletionResult {
  readonly completion: ChatCompletionView;
  /** `completion` as JSON text, the body to send: a relayed answer's own text, its model rewritten in place. */
  readonly json: string;
  readonly usage: TokenUsage;
  readonly headers: Headers;
}

export interface StreamResult {
  /** Each chunk's JSON text (a ChatCompletionChunkView): a relayed chunk's own text, rewritten in place. */
  readonly chunks: AsyncGenerator<string>;
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
      // With the upstream's own usage, only the model changes: its text is sent with that one member rewritten.
      const relayed =
        result.wireText !== undefined && wire.usage !== undefined && wire.usage !== null
          ? withMember(result.wireText, 'model', JSON.stringify(route.publicModel))
          : undefined;
      return { completion, json: relayed ?? JSON.stringify(completion), usage: result.usage, headers };
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
    return { completion, json: JSON.stringify(completion), usage: result.usage, headers };
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
    return { chunks: this.chunks(request, route, result.first, result.events, onUsage), headers };
  }

  /**
   * The chunks of a streamed completion, as JSON text, starting with the event
   * already read. A provider's own chunks are relayed as they come, their text
   * rewritten in place (the model; their usage dropped unless the client asked
   * for it); otherwise the gateway builds them: a first chunk with the role,
   * one per text delta, a last one with the finish reason. With include_usage,
   * a usage chunk with empty choices ends the stream (as OpenAI sends it), the
   * provider's own or the gateway's count.
   */
  private async *chunks(
    request: ChatCompletionRequest,
    route: ModelRoute,
    firstEvent: IteratorResult<MeasuredStreamEvent>,
    rest: AsyncIterator<MeasuredStreamEvent>,
    onUsage: (usage: TokenUsage) => void,
  ): AsyncGenerator<string> {
    // The stream's own id and time, drawn only for a chunk the gateway builds (a relayed one has the upstream's).
    let ownIds: { id: string; object: 'chat.completion.chunk'; created: number; model: string } | undefined;
    const own = () =>
      (ownIds ??= {
        id: newCompletionId(),
        object: 'chat.completion.chunk',
        created: this.createdAt(),
        model: route.publicModel,
      });
    const includeUsage = request.stream_options?.include_usage === true;
    // The gateway asked for usage for its budgets; the client did not.
    const drop = includeUsage ? undefined : 'usage';
    const model = JSON.stringify(route.publicModel);
    let first = true;
    let relayed: WireObject | undefined;
    let usageSent = false;
    try {
      // The events in one loop rather than through another generator in front of it: a layer less per chunk.
      for (let next = firstEvent; next.done !== true; next = await rest.next()) {
        const event = next.value;
        if (event.type === 'delta') {
          if (event.chunk !== undefined) {
            if (includeUsage && event.chunk.usage !== undefined && event.chunk.usage !== null) usageSent = true;
            relayed = event.chunk;
            yield (
              (event.data === undefined ? undefined : withMember(event.data, 'model', model, drop)) ??
              reserialized(event.chunk, route.publicModel, drop)
            );
            continue;
          }
          const delta = first ? { role: 'assistant' as const, content: event.text } : { content: event.text };
          first = false;
          yield JSON.stringify({ ...own(), choices: [{ index: 0, delta, finish_reason: null, logprobs: null }] });
          continue;
        }
        onUsage(event.usage);
        if (relayed === undefined) {
          yield JSON.stringify({
            ...own(),
            choices: [{ index: 0, delta: {}, finish_reason: event.finishReason, logprobs: null }],
          });
        }
        if (!includeUsage || usageSent) continue;
        if (event.usageChunk !== undefined) {
          yield JSON.stringify({ ...event.usageChunk, model: route.publicModel });
          continue;
        }
        const ids = relayed === undefined ? own() : { ...own(), id: relayed.id, created: relayed.created };
        yield JSON.stringify({ ...ids, choices: [], usage: usageView(event.usage) });
      }
    } finally {
      // Ends the provider's generator (and its upstream request) when the consumer stops early.
      await rest.return?.();
    }
  }

  private createdAt(): number {
    return Math.floor(this.clock.nowMs() / 1_000);
  }
}

/** A relayed chunk the in-place rewrite leaves alone (withMember): parsed, the model set, serialized. */
function reserialized(chunk: WireObject, model: string, drop: string | undefined): string {
  const copy: Record<string, unknown> = { ...chunk, model };
  if (drop !== undefined) delete copy[drop];
  return JSON.stringify(copy);
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
