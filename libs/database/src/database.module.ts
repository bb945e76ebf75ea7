import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { BootMigrations } from './boot-migrations';
import { DatabasePoolMetrics } from './database-pool.metrics';
import { DatabaseReadinessCheck } from './database-readiness.check';
import { type DatabaseSchema, dataSourceOptions } from './data-source-options';
import { UnsampledQueriesUntraced } from './unsampled-queries';

/**
 * TypeORM on PostgreSQL when DATABASE_URL is set, on an embedded SQLite file
 * otherwise. Migrations run at boot (under an advisory lock) only when
 * DATABASE_MIGRATIONS_RUN is on; in Kubernetes a separate step runs them
 * before the new pods serve.
 */
@Module({})
export class DatabaseModule {
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TerminusModule,
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, schema),
            retryAttempts: config.database.type === 'postgres' ? config.database.connectRetries : 0,
            retryDelay: config.database.type === 'postgres' ? config.database.connectRetryDelayMs : 0,
          }),
        }),
      ],
      providers: [DatabaseReadinessCheck, BootMigrations, DatabasePoolMetrics, UnsampledQueriesUntraced],
      exports: [TypeOrmModule, DatabaseReadinessCheck],
    };
  }
}
