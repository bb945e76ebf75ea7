import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CacheModule, CacheReadinessCheck } from '@app/cache';
import { type BuildInfo, HealthModule, HttpPlatformModule, LoggingModule } from '@app/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, DatabaseReadinessCheck } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { TracingModule } from '@app/tracing';
import { SAMPLE_APP_SCHEMA } from './database/schema';

/** sample-app: the API service with data, cache and identity. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, buildInfo: BuildInfo): DynamicModule {
    const database = DatabaseModule.forRoot(SAMPLE_APP_SCHEMA);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(),
        HttpPlatformModule,
        MetricsModule.forRoot({ enabled: config.metrics.enabled, build: buildInfo }),
        TracingModule.forRoot(),
        database,
        CacheModule.forRoot(),
        AuthModule.forRoot(),
        HealthModule.forRoot({
          imports: [database],
          checks: [DatabaseReadinessCheck, CacheReadinessCheck],
          buildInfo,
        }),
      ],
    };
  }
}
