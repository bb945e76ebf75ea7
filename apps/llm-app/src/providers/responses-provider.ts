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

/** A backend that speaks OpenAI's Responses API (`POST /v1/responses`). */
export interface ResponsesProvider {
  createResponse(call: ResponsesCall, signal: AbortSignal): Promise<ResponseObject>;
  streamResponse(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamEvent>;
}
