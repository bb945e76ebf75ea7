import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { REDIS_CLIENT, RedisFallback } from '@app/cache';
import { Clock } from '@app/lifecycle';
import { FallbackMetrics } from '@app/metrics';
import type { Redis } from 'ioredis';
import { TokenBudget } from './budgets/token-budget';
import { TokenBudgetReadinessCheck } from './budgets/token-budget-readiness.check';
import {
  FailOpenTokenBudgetStore,
  MemoryTokenBudgetStore,
  RedisTokenBudgetStore,
  TokenBudgetStore,
} from './budgets/token-budget.store';
import { ChatController } from './chat/chat.controller';
import { ConversationStore } from './chat/conversation.store';
import { ChatCompletionsController } from './completions/chat-completions.controller';
import { CompletionsService } from './completions/completions.service';
import { ResponseCache } from './completions/response-cache';
import { chatProviders } from './providers/chat-providers';
import { UpstreamEvents } from './providers/upstream/upstream-events';
import { UpstreamHttp } from './providers/upstream/upstream-http';
import { ModelRouter } from './providers/model-router';
import { ProviderReadinessCheck } from './providers/provider-readiness.check';
import { SimulatedProvider } from './providers/simulated.provider';
import { TokenCounter } from './providers/token-counter';
import { CompletionLog } from './telemetry/completion-log';
import { InstrumentedProviderCalls } from './telemetry/instrumented-provider-calls';
import { LlmMetrics, NoLlmMetrics } from './telemetry/llm-metrics';
import { PrometheusLlmMetrics } from './telemetry/prometheus-llm-metrics';
import { processTraceBuffer } from './traces/process-trace-buffer';
import { TraceBuffer } from './traces/trace-buffer';
import { TracesController } from './traces/traces.controller';
import { EmbeddingsCache } from './embeddings/embeddings-cache';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { EmbeddingsService } from './embeddings/embeddings.service';
import { ModelController } from './models/model.controller';
import { EndpointProviders } from './providers/endpoint-providers';
import { ResponsesController } from './responses/responses.controller';
import { ResponsesService } from './responses/responses.service';
import { SimulatedEmbeddings } from './simulator/simulated-embeddings';
import { SimulatedResponses } from './simulator/simulated-responses';
import { InstrumentedEndpointCalls } from './telemetry/instrumented-endpoint-calls';
import { LlmAppConfig } from './config/llm-app-config';

/** The gateway: providers, model routing, the OpenAI-compatible API, the simple chat and its telemetry. */
@Module({
  imports: [TerminusModule],
  controllers: [
    ChatCompletionsController,
    ChatController,
    TracesController,
    // The endpoints beyond chat (issue 12 part B).
    EmbeddingsController,
    ResponsesController,
    ModelController,
  ],
  providers: [
    TokenCounter,
    SimulatedProvider,
    UpstreamEvents,
    UpstreamHttp,
    chatProviders,
    ModelRouter,
    CompletionsService,
    ResponseCache,
    {
      provide: TokenBudgetStore,
      inject: [LlmAppConfig, Clock, REDIS_CLIENT, { token: FallbackMetrics, optional: true }],
      useFactory: (
        config: LlmAppConfig,
        clock: Clock,
        redis: Redis | undefined,
        metrics?: FallbackMetrics,
      ): TokenBudgetStore => {
        const local = new MemoryTokenBudgetStore(() => clock.nowMs());
        if (redis === undefined) return local;
        return new FailOpenTokenBudgetStore(
          new RedisTokenBudgetStore(redis, config.cache.keyPrefix),
          local,
          new RedisFallback('token_budget', redis, metrics),
        );
      },
    },
    TokenBudget,
    TokenBudgetReadinessCheck,
    ConversationStore,
    ProviderReadinessCheck,
    {
      provide: LlmMetrics,
      inject: [LlmAppConfig, ModelRouter, UpstreamEvents],
      useFactory: (config: LlmAppConfig, router: ModelRouter, events: UpstreamEvents): LlmMetrics => {
        if (!config.metrics.enabled) return new NoLlmMetrics();
        const metrics = new PrometheusLlmMetrics(config.llm.prices);
        for (const route of router.models()) metrics.prepareProvider(route.provider.name);
        events.subscribe({
          retried: (provider, reason) => metrics.upstreamRetry(provider, reason),
          circuitState: (provider, state) => metrics.circuitBreakerState(provider, state),
        });
        return metrics;
      },
    },
    CompletionLog,
    InstrumentedProviderCalls,
    SimulatedEmbeddings,
    SimulatedResponses,
    EndpointProviders,
    InstrumentedEndpointCalls,
    EmbeddingsService,
    EmbeddingsCache,
    ResponsesService,
    {
      provide: TraceBuffer,
      inject: [LlmAppConfig],
      useFactory: (config: LlmAppConfig) => processTraceBuffer(config.llm.telemetry.traceBufferSize),
    },
  ],
  exports: [ProviderReadinessCheck, TokenBudgetReadinessCheck, LlmMetrics],
})
export class LlmModule {}
