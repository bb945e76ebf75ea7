import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { modelNotFound } from '../openai/openai.errors';
import type { ChatProvider } from './chat-provider';
import { SimulatedProvider } from './simulated.provider';

export interface ModelRoute {
  readonly publicModel: string;
  readonly provider: ChatProvider;
  /** The name the provider knows the model by. */
  readonly upstreamModel: string;
}

/** Which provider serves which public model name, from configuration. */
@Injectable()
export class ModelRouter {
  private readonly routes: ReadonlyMap<string, ModelRoute>;

  constructor(config: AppConfig, simulated: SimulatedProvider) {
    this.routes = new Map(
      config.llm.simulated.models.map((model) => [
        model,
        { publicModel: model, provider: simulated, upstreamModel: model },
      ]),
    );
  }

  /** The route for a model, or the OpenAI 404 for an unknown one. */
  route(model: string): ModelRoute {
    const route = this.routes.get(model);
    if (route === undefined) throw modelNotFound(model);
    return route;
  }

  models(): ModelRoute[] {
    return [...this.routes.values()].sort((a, b) => a.publicModel.localeCompare(b.publicModel));
  }
}
