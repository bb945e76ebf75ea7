import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, RateLimitReadinessCheck } from '@app/auth';
import { CacheModule, CacheReadinessCheck } from '@app/cache';
import { HttpPlatformModule } from '@app/http';
import { HealthModule } from '@app/lifecycle';
import { LoggingModule } from '@app/logging';
import { type BuildInfo, ConfigModule } from '@app/config';
import { DatabaseModule, DatabaseReadinessCheck } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { TracingModule } from '@app/tracing';
import { SampleAppConfig } from './config/sample-app-config';
import { AccountsModule } from './accounts.module';
import { DatabaseApiKeyAuthenticator } from './api-keys/api-key.authenticator';
import { API_PREFIX } from './api-prefix';
import { CacheDemoModule } from './cache-demo/cache-demo.module';
import { SAMPLE_APP_SCHEMA } from './database/schema';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { SummariesModule } from './summaries/summaries.module';
import { ItemsModule } from './items/items.module';
import { IdentityStoreModule } from './users/identity-store.module';

/** sample-app: the API service with data, cache, identity and rate limits. */
@Module({})
export class AppModule {
  static forRoot(config: SampleAppConfig, buildInfo: BuildInfo): DynamicModule {
    const database = DatabaseModule.forRoot(SAMPLE_APP_SCHEMA);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, SampleAppConfig),
        LoggingModule.forRoot(),
        HttpPlatformModule.forRoot(),
        MetricsModule.forRoot({ enabled: config.metrics.enabled, build: buildInfo }),
        TracingModule.forRoot(),
        database,
        CacheModule.forRoot(),
        AuthModule.forRoot({
          imports: [IdentityStoreModule],
          apiKeyAuthenticator: DatabaseApiKeyAuthenticator,
          tokens: 'issuer',
        }),
        HealthModule.forRoot({
          imports: [database],
          checks: [DatabaseReadinessCheck, CacheReadinessCheck, RateLimitReadinessCheck],
          buildInfo,
          links: {
            items: `/${API_PREFIX}/items`,
            cache: `/${API_PREFIX}/cache`,
            auth: `/${API_PREFIX}/auth/login`,
            jwks: '/.well-known/jwks.json',
          },
        }),
        IdempotencyModule,
        AccountsModule,
        ItemsModule,
        SummariesModule,
        CacheDemoModule,
      ],
    };
  }
}
