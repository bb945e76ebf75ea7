import type { RelayedHeaders } from './chat-provider';

/** What an embeddings provider is asked for: the client's body, with the model the provider knows. */
export interface EmbeddingsCall {
  /** The upstream model name. */
  readonly model: string;
  /** The request body as the client sent it (every field passed on unchanged), `model` replaced. */
  readonly body: Readonly<Record<string, unknown>>;
}

export interface EmbeddingsAnswer {
  /** The OpenAI `list` of embeddings, as the provider answered it. */
  readonly body: Record<string, unknown>;
  /** Input tokens the provider reported; undefined when it reported none. */
  readonly inputTokens: number | undefined;
  readonly responseModel?: string;
  /** The upstream's request id and rate-limit headers, for the client. */
  readonly headers?: RelayedHeaders;
}

/** A backend that computes embeddings (`POST /v1/embeddings`). */
export interface EmbeddingsProvider {
  embeddings(call: EmbeddingsCall, signal: AbortSignal): Promise<EmbeddingsAnswer>;
}
