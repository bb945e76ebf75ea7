import type { RelayedHeaders } from './chat-provider';

/** What a Responses API provider is asked for: the client's body, with the model the provider knows. */
export interface ResponsesCall {
  readonly model: string;
  /** The request body as the client sent it (every field passed on unchanged), `model` replaced. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A `response` object of OpenAI's Responses API, as the provider answered it. */
export type ResponseObject = Record<string, unknown>;

/** One event of a streamed response (`{ "type": "response.output_text.delta", … }`), as the provider sent it. */
export type ResponseStreamEvent = Record<string, unknown> & { readonly type: string };

/** A response, with the upstream's request id and rate-limit headers for the client. */
export interface ResponseAnswer {
  readonly response: ResponseObject;
  readonly headers?: RelayedHeaders;
}

/** One streamed event; the first carries the upstream's headers for the client, as chat's first delta does. */
export interface ResponseStreamItem {
  readonly event: ResponseStreamEvent;
  readonly headers?: RelayedHeaders;
}

/** A backend that speaks OpenAI's Responses API (`POST /v1/responses`). */
export interface ResponsesProvider {
  createResponse(call: ResponsesCall, signal: AbortSignal): Promise<ResponseAnswer>;
  streamResponse(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamItem>;
}
