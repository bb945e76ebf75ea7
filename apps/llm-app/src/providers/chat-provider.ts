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
}

export type FinishReason = 'stop' | 'length';

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when the provider reported none and the gateway counted them itself. */
  readonly estimated: boolean;
}

export interface ProviderCompletion {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  /** The model that actually answered, when the provider says. */
  readonly responseModel?: string;
  readonly responseId?: string;
}

export type ProviderStreamEvent =
  | { readonly type: 'delta'; readonly text: string }
  | {
      readonly type: 'done';
      readonly finishReason: FinishReason;
      readonly usage?: TokenUsage;
      readonly responseModel?: string;
      readonly responseId?: string;
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
