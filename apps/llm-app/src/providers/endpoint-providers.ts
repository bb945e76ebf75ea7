import { Inject, Injectable } from '@nestjs/common';
import { OpenAiError } from '../openai/openai.errors';
import { SimulatedEmbeddings } from '../simulator/simulated-embeddings';
import { SimulatedResponses } from '../simulator/simulated-responses';
import type { ChatProvider } from './chat-provider';
import { CHAT_PROVIDERS } from './chat-providers';
import type { EmbeddingsProvider } from './embeddings-provider';
import type { ModelRoute } from './model-router';
import type { ResponsesProvider } from './responses-provider';
import { OpenAiCompatibleProvider } from './upstream/openai-compatible.provider';
import { UpstreamEmbeddings, UpstreamResponses } from './upstream/upstream-endpoints';
import { LlmAppConfig } from '../config/llm-app-config';

/** A model route with the provider of one more endpoint. */
export type EndpointRoute<P> = ModelRoute & { readonly endpoint: P };

/**
 * The providers of the endpoints beyond chat, by provider name: the simulator's own, and for each
 * upstream its `/embeddings` and, where LLM_UPSTREAMS says it has one (`responsesApi`), its
 * `/responses`. Routing stays the ModelRouter's: a model's routes are the same for every endpoint.
 */
@Injectable()
export class EndpointProviders {
  private readonly embeddings = new Map<string, EmbeddingsProvider>();
  private readonly responses = new Map<string, ResponsesProvider>();

  constructor(
    config: LlmAppConfig,
    @Inject(CHAT_PROVIDERS) providers: readonly ChatProvider[],
    simulatedEmbeddings: SimulatedEmbeddings,
    simulatedResponses: SimulatedResponses,
  ) {
    this.embeddings.set('simulated', simulatedEmbeddings);
    this.responses.set('simulated', simulatedResponses);
    const responsesApi = new Map(config.llm.upstreams.map((upstream) => [upstream.name, upstream.responsesApi]));
    for (const provider of providers) {
      if (!(provider instanceof OpenAiCompatibleProvider)) continue;
      this.embeddings.set(provider.name, new UpstreamEmbeddings(provider));
      if (responsesApi.get(provider.name) === true) this.responses.set(provider.name, new UpstreamResponses(provider));
    }
  }

  embeddingsRoutes(routes: readonly ModelRoute[]): EndpointRoute<EmbeddingsProvider>[] {
    return withEndpoint(routes, this.embeddings);
  }

  /**
   * The routes whose provider has the Responses API. None: a 400 naming the model, rather than a
   * translation to Chat Completions that would lose what only the Responses API has (decision 0056).
   */
  responsesRoutes(routes: readonly ModelRoute[]): EndpointRoute<ResponsesProvider>[] {
    const capable = withEndpoint(routes, this.responses);
    const [first] = routes;
    if (capable.length === 0 && first !== undefined) {
      throw new OpenAiError(
        400,
        'invalid_request_error',
        'unsupported_model',
        `The model '${first.publicModel}' is served by '${first.provider.name}', which does not offer the Responses API; use /v1/chat/completions for it.`,
        'model',
      );
    }
    return capable;
  }
}

function withEndpoint<P>(routes: readonly ModelRoute[], providers: ReadonlyMap<string, P>): EndpointRoute<P>[] {
  return routes.flatMap((route) => {
    const endpoint = providers.get(route.provider.name);
    return endpoint === undefined ? [] : [{ ...route, endpoint }];
  });
}
