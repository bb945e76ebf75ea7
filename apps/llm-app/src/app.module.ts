import { type DynamicModule, Module } from '@nestjs/common';
import { CacheModule, CacheReadinessCheck } from '@app/cache';
import { type BuildInfo, HealthModule, HttpPlatformModule, LoggingModule } from '@app/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { TracingModule } from '@app/tracing';

/** llm-app: the OpenAI-compatible gateway. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, buildInfo: BuildInfo): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(),
        HttpPlatformModule,
        MetricsModule.forRoot({ enabled: config.metrics.enabled, build: buildInfo }),
        TracingModule.forRoot(),
        CacheModule.forRoot(),
        HealthModule.forRoot({ checks: [CacheReadinessCheck], buildInfo }),
      ],
    };
  }
}
