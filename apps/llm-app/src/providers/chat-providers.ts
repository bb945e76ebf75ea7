import type { Provider } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import type { ChatProvider } from './chat-provider';
import { SimulatedProvider } from './simulated.provider';
import { OpenAiCompatibleProvider } from './upstream/openai-compatible.provider';
import { UpstreamEvents } from './upstream/upstream-events';
import { UpstreamHttp } from './upstream/upstream-http';
import { LlmAppConfig } from '../config/llm-app-config';

/** Injection token for every configured ChatProvider. */
export const CHAT_PROVIDERS = Symbol('CHAT_PROVIDERS');

/** The provider registry: a new provider is one class and one line here. */
export const chatProviders: Provider = {
  provide: CHAT_PROVIDERS,
  inject: [LlmAppConfig, Clock, SimulatedProvider, UpstreamEvents, UpstreamHttp],
  useFactory: (
    config: LlmAppConfig,
    clock: Clock,
    simulated: SimulatedProvider,
    events: UpstreamEvents,
    http: UpstreamHttp,
  ): ChatProvider[] => [
    simulated,
    ...config.llm.upstreams.map(
      (upstream) => new OpenAiCompatibleProvider(upstream, clock, http.clientFor(upstream.baseUrl), events),
    ),
  ],
};
