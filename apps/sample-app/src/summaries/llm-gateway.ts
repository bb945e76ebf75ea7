/** One chat message sent to llm-app. */
export interface GatewayMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

export interface GatewayCompletionRequest {
  readonly messages: readonly GatewayMessage[];
  readonly maxTokens: number;
}

export interface GatewayCompletion {
  readonly text: string;
  /** The model that answered, as llm-app reports it. */
  readonly model: string;
  readonly finishReason: string;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number; readonly totalTokens: number };
}

/**
 * llm-app, the one LLM gateway sample-app asks. Behind an injectable class so
 * unit tests replace it; e2e tests run the real client against a real llm-app.
 */
export abstract class LlmGateway {
  /**
   * One non-streamed chat completion. `bearer` is the credential llm-app sees:
   * the caller's own access token, or sample-app's API key for llm-app.
   * Throws the errors of llm-gateway.errors.ts.
   */
  abstract complete(request: GatewayCompletionRequest, bearer: string | undefined): Promise<GatewayCompletion>;
}
