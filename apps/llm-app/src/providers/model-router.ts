import { Inject, Injectable } from '@nestjs/common';
import { modelNotFound } from '../openai/openai.errors';
import type { ChatProvider } from './chat-provider';
import { CHAT_PROVIDERS } from './chat-providers';
import { LlmAppConfig } from '../config/llm-app-config';

export interface ModelRoute {
  readonly publicModel: string;
  readonly provider: ChatProvider;
  /** The name the provider knows the model by. */
  readonly upstreamModel: string;
}

/**
 * Which providers serve which public model name, from configuration: the
 * model's own provider first, then its fallbacks (LLM_MODEL_FALLBACKS) in order.
 */
@Injectable()
export class ModelRouter {
  private readonly routesByModel = new Map<string, ModelRoute[]>();

  constructor(config: LlmAppConfig, @Inject(CHAT_PROVIDERS) providers: readonly ChatProvider[]) {
    const byName = new Map(providers.map((provider) => [provider.name, provider]));
    const provider = (name: string, why: string): ChatProvider => {
      const found = byName.get(name);
      if (found === undefined) throw new Error(`${why}: no provider named "${name}" is configured`);
      return found;
    };
    const modelMaps = new Map(config.llm.upstreams.map((upstream) => [upstream.name, upstream.models]));
    // A fallback upstream serves the model under its own name for it, if it maps one.
    const upstreamModel = (chosen: ChatProvider, publicModel: string) =>
      modelMaps.get(chosen.name)?.get(publicModel) ?? publicModel;

    const simulated = provider('simulated', 'LLM_SIMULATED_MODELS');
    for (const model of config.llm.simulated.models) {
      this.routesByModel.set(model, [{ publicModel: model, provider: simulated, upstreamModel: model }]);
    }
    const claimed = new Set<string>();
    for (const upstream of config.llm.upstreams) {
      const served = provider(upstream.name, 'LLM_UPSTREAM_MODELS');
      // An upstream takes a model name over from the simulator. The first upstream to list a model serves
      // it; a later one that lists it too only says what it calls the model when it is a fallback.
      for (const [publicModel, name] of upstream.models) {
        if (claimed.has(publicModel)) continue;
        claimed.add(publicModel);
        this.routesByModel.set(publicModel, [{ publicModel, provider: served, upstreamModel: name }]);
      }
    }
    for (const [publicModel, names] of config.llm.fallbacks) {
      const routes = this.routesByModel.get(publicModel);
      if (routes === undefined) throw new Error(`LLM_MODEL_FALLBACKS: "${publicModel}" is not a served model`);
      for (const name of names) {
        const chosen = provider(name, `LLM_MODEL_FALLBACKS for "${publicModel}"`);
        routes.push({ publicModel, provider: chosen, upstreamModel: upstreamModel(chosen, publicModel) });
      }
    }
  }

  /** The primary route for a model, or the OpenAI 404 for an unknown one. */
  route(model: string): ModelRoute {
    const [primary] = this.routes(model);
    if (primary === undefined) throw modelNotFound(model);
    return primary;
  }

  /** Every route for a model, in the order to try them; the OpenAI 404 for an unknown model. */
  routes(model: string): readonly ModelRoute[] {
    const routes = this.routesByModel.get(model);
    if (routes === undefined || routes.length === 0) throw modelNotFound(model);
    return routes;
  }

  /** Each served model with its primary route. */
  models(): ModelRoute[] {
    return [...this.routesByModel.keys()].sort((a, b) => a.localeCompare(b)).map((model) => this.route(model));
  }
}
