import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '@app/config';
import type { DataSourceOptions, MixedList } from 'typeorm';
import { poolErrorLogger } from './pool-error-log';
import { AppTypeOrmLogger } from './typeorm-log';

export interface DatabaseSchema {
  // TypeORM's own option types; entity classes and migration classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/**
 * One place that turns AppConfig into TypeORM options, shared by the Nest
 * module and the migration CLI so both talk to the same database the same way.
 * `synchronize` is off everywhere: the schema changes only through migrations.
 */
export function dataSourceOptions(config: AppConfig, schema: DatabaseSchema): DataSourceOptions {
  const database = config.database;
  const common = {
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    // TypeORM's own logger prints plain text with every query parameter (password hashes, key digests).
    logger: new AppTypeOrmLogger(),
  };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      applicationName: config.app.name,
      migrationsTransactionMode: 'each',
      // An idle connection the server ended: one JSON warning through the app's logger (decision 0048).
      poolErrorHandler: poolErrorLogger(),
      // Every wait on the database is bounded (decision 0041), so a stopped or frozen server is a 503
      // within seconds, never a hang: statement_timeout ends a slow statement on the server,
      // query_timeout ends the wait on the client when the server does not answer at all (frozen, or
      // a partition), and connectionTimeoutMillis bounds both connecting and waiting for a pool slot.
      extra: {
        max: database.poolSize,
        statement_timeout: database.statementTimeoutMs,
        query_timeout: database.statementTimeoutMs + 500,
        connectionTimeoutMillis: Math.min(database.statementTimeoutMs, 3_000),
        idleTimeoutMillis: 30_000,
      },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: database.path !== ':memory:',
    // Busy timeout: how long a write waits for another connection's lock.
    timeout: database.statementTimeoutMs,
  };
}
