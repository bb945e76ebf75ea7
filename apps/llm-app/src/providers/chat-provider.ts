import type { ChatMessage } from '../openai/chat-completion.schema';

/** What a provider is asked for: the upstream model name and the generation settings. */
export interface ProviderRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop: readonly string[];
  readonly user?: string;
  /**
   * The request body as the client sent it (every field, known to the gateway
   * or not). An OpenAI-compatible upstream gets it unchanged but for `model`
   * and its own parameter policy; the simulator reads tools, response_format,
   * n, logprobs and seed from it. Absent for the gateway's own requests (/chat).
   */
  readonly body?: Readonly<Record<string, unknown>>;
}

/** OpenAI's finish reasons; a relayed answer carries the upstream's own value unchanged. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when the provider reported none and the gateway counted them itself. */
  readonly estimated: boolean;
  /** Prompt tokens served from the provider's prompt cache (usage.prompt_tokens_details.cached_tokens). */
  readonly cachedInputTokens?: number;
  /** Output tokens spent on reasoning (usage.completion_tokens_details.reasoning_tokens). */
  readonly reasoningTokens?: number;
}

/**
 * Upstream response headers a client gets back on every endpoint, success or error: the upstream's
 * `x-request-id` as `x-upstream-request-id` and its `x-ratelimit-*` (see `relayedHeaders`).
 */
export type RelayedHeaders = Readonly<Record<string, string>>;

/** A JSON object in OpenAI's wire format (a chat.completion or a chat.completion.chunk), relayed as is. */
export type WireObject = Readonly<Record<string, unknown>>;

export interface ProviderCompletion {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  /** The model that actually answered, when the provider says. */
  readonly responseModel?: string;
  readonly responseId?: string;
  /** The finish reason of every choice (n > 1), for telemetry; `finishReason` is the first's. */
  readonly finishReasons?: readonly string[];
  /** The whole chat.completion as the provider answered it: the client gets it unchanged but for `model`. */
  readonly wire?: WireObject;
  /** `wire`'s JSON text as the provider sent it: what the relay rewrites in place. */
  readonly wireText?: string;
  /** Response headers to pass back to the client (the upstream's x-request-id and x-ratelimit-*). */
  readonly headers?: RelayedHeaders;
}

export type ProviderStreamEvent =
  | {
      readonly type: 'delta';
      /** The chunk's text (content of the first choice); '' for a chunk without any. */
      readonly text: string;
      /** The chunk as the provider sent it, relayed unchanged but for `model`. */
      readonly chunk?: WireObject;
      /** The chunk's JSON text as the provider sent it (with `chunk`): what the relay rewrites in place. */
      readonly data?: string;
      /** On the first event of a stream: response headers to pass back to the client. */
      readonly headers?: RelayedHeaders;
    }
  | {
      readonly type: 'done';
      readonly finishReason: FinishReason;
      readonly usage?: TokenUsage;
      readonly responseModel?: string;
      readonly responseId?: string;
      readonly finishReasons?: readonly string[];
      /** The provider's usage-only chunk (empty choices), relayed when the client asked for usage. */
      readonly usageChunk?: WireObject;
    };

/**
 * One LLM backend. Adding a provider is one class extending this and a line
 * in the provider registry.
 */
export abstract class ChatProvider {
  /** Stable name used in config, metrics and traces ("simulated", "upstream"). */
  abstract readonly name: string;
  /** Host the provider talks to, for traces (`server.address`); undefined when in-process. */
  abstract readonly serverAddress: string | undefined;
  abstract complete(request: ProviderRequest, signal: AbortSignal): Promise<ProviderCompletion>;
  abstract stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderStreamEvent>;
  /** Whether the provider can serve now (readiness). */
  abstract isReachable(): Promise<boolean>;
}
