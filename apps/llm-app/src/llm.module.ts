import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChatController } from './chat/chat.controller';
import { ConversationStore } from './chat/conversation.store';
import { ChatCompletionsController } from './completions/chat-completions.controller';
import { CompletionsService } from './completions/completions.service';
import { chatProviders } from './providers/chat-providers';
import { ModelRouter } from './providers/model-router';
import { ProviderReadinessCheck } from './providers/provider-readiness.check';
import { SimulatedProvider } from './providers/simulated.provider';
import { TokenCounter } from './providers/token-counter';

/** The gateway: providers, model routing, the OpenAI-compatible API and the simple chat. */
@Module({
  imports: [TerminusModule],
  controllers: [ChatCompletionsController, ChatController],
  providers: [
    TokenCounter,
    SimulatedProvider,
    chatProviders,
    ModelRouter,
    CompletionsService,
    ConversationStore,
    ProviderReadinessCheck,
  ],
  exports: [ProviderReadinessCheck],
})
export class LlmModule {}
