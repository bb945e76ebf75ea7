import type { Provider } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import { AppConfig } from '@app/config';
import type { ChatProvider } from './chat-provider';
import { SimulatedProvider } from './simulated.provider';
import { OpenAiCompatibleProvider } from './upstream/openai-compatible.provider';
import { UpstreamEvents } from './upstream/upstream-events';

/** Injection token for every configured ChatProvider. */
export const CHAT_PROVIDERS = Symbol('CHAT_PROVIDERS');

/** The provider registry: a new provider is one class and one line here. */
export const chatProviders: Provider = {
  provide: CHAT_PROVIDERS,
  inject: [AppConfig, Clock, SimulatedProvider, UpstreamEvents],
  useFactory: (
    config: AppConfig,
    clock: Clock,
    simulated: SimulatedProvider,
    events: UpstreamEvents,
  ): ChatProvider[] => [
    simulated,
    ...config.llm.upstreams.map((upstream) => new OpenAiCompatibleProvider(upstream, clock, events)),
  ],
};
