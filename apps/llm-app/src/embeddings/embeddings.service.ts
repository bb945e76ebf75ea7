import { Injectable } from '@nestjs/common';
import { withFallback } from '../completions/provider-fallback';
import { type EmbeddingsRequest, embeddingInputs } from '../openai/embeddings.schema';
import { EndpointProviders, type EndpointRoute } from '../providers/endpoint-providers';
import type { RelayedHeaders } from '../providers/chat-provider';
import type { EmbeddingsProvider } from '../providers/embeddings-provider';
import { ModelRouter } from '../providers/model-router';
import { TokenCounter } from '../providers/token-counter';
import { GEN_AI_OPERATION_EMBEDDINGS, InstrumentedEndpointCalls } from '../telemetry/instrumented-endpoint-calls';

export interface EmbeddingsResult {
  /** The OpenAI list of embeddings, under the public model name. */
  readonly body: Record<string, unknown>;
  /** Input tokens: the provider's count, else the gateway's own. */
  readonly inputTokens: number;
  /** The upstream's request id and rate-limit headers, for the client. */
  readonly headers: RelayedHeaders;
}

/** Routes an embeddings request to the model's providers in turn and measures each call. */
@Injectable()
export class EmbeddingsService {
  constructor(
    private readonly router: ModelRouter,
    private readonly endpoints: EndpointProviders,
    private readonly calls: InstrumentedEndpointCalls,
    private readonly tokens: TokenCounter,
  ) {}

  /** Resolves the model first: an unknown one is a 404 before anything else happens. */
  routes(request: EmbeddingsRequest): EndpointRoute<EmbeddingsProvider>[] {
    return this.endpoints.embeddingsRoutes(this.router.routes(request.model));
  }

  async create(
    request: EmbeddingsRequest,
    routes: readonly EndpointRoute<EmbeddingsProvider>[],
    signal: AbortSignal,
  ): Promise<EmbeddingsResult> {
    const operation = {
      operation: GEN_AI_OPERATION_EMBEDDINGS,
      stream: false,
      attributes: {
        'gen_ai.request.encoding_formats': [request.encoding_format ?? 'float'],
        ...(request.dimensions === undefined ? {} : { 'gen_ai.embeddings.dimension.count': request.dimensions }),
      },
    };
    const { route, result } = await withFallback(routes, signal, async (candidate) => {
      const call = { model: candidate.upstreamModel, body: { ...request, model: candidate.upstreamModel } };
      const answer = await this.calls.call(
        candidate,
        operation,
        signal,
        () => candidate.endpoint.embeddings(call, signal),
        (done) => ({ inputTokens: this.inputTokens(request, done.inputTokens), ...optionalModel(done.responseModel) }),
      );
      return { answer, inputTokens: this.inputTokens(request, answer.inputTokens) };
    });
    return {
      body: { ...result.answer.body, model: route.publicModel },
      inputTokens: result.inputTokens,
      headers: result.answer.headers ?? {},
    };
  }

  /** What the provider reported, else the input counted here (a token array counts its own length). */
  private inputTokens(request: EmbeddingsRequest, reported: number | undefined): number {
    if (reported !== undefined) return reported;
    return embeddingInputs(request.input).reduce(
      (total, input) => total + (typeof input === 'string' ? this.tokens.count(input) : input.length),
      0,
    );
  }
}

function optionalModel(responseModel: string | undefined): { responseModel?: string } {
  return responseModel === undefined ? {} : { responseModel };
}
