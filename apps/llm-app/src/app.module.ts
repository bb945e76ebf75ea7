import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, RateLimitReadinessCheck } from '@app/auth';
import { CacheModule, CacheReadinessCheck } from '@app/cache';
import { HttpPlatformModule } from '@app/http';
import { HealthModule } from '@app/lifecycle';
import { LoggingModule } from '@app/logging';
import { type BuildInfo, ConfigModule } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { TracingModule } from '@app/tracing';
import { LlmAppConfig } from './config/llm-app-config';
import { anonymousPrincipalIfAuthIsOff } from './access/access-mode';
import { ConfigApiKeyAuthenticator } from './access/config-api-key.authenticator';
import { LlmModule } from './llm.module';
import { GatewayErrorFilter } from './openai/gateway-error.filter';
import { TokenBudgetReadinessCheck } from './budgets/token-budget-readiness.check';
import { ProviderReadinessCheck } from './providers/provider-readiness.check';

/** llm-app: the OpenAI-compatible gateway. */
@Module({})
export class AppModule {
  static forRoot(config: LlmAppConfig, buildInfo: BuildInfo): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, LlmAppConfig),
        LoggingModule.forRoot(),
        HttpPlatformModule.forRoot({ exceptionFilter: GatewayErrorFilter, imports: [LlmModule] }),
        MetricsModule.forRoot({ enabled: config.metrics.enabled, build: buildInfo }),
        TracingModule.forRoot(),
        CacheModule.forRoot(),
        AuthModule.forRoot({
          apiKeyAuthenticator: ConfigApiKeyAuthenticator,
          tokens: 'jwks',
          anonymous: anonymousPrincipalIfAuthIsOff(config),
        }),
        LlmModule,
        HealthModule.forRoot({
          imports: [LlmModule],
          checks: [CacheReadinessCheck, RateLimitReadinessCheck, TokenBudgetReadinessCheck, ProviderReadinessCheck],
          buildInfo,
          links: { chatCompletions: '/v1/chat/completions', models: '/v1/models', chat: '/chat' },
        }),
      ],
    };
  }
}
