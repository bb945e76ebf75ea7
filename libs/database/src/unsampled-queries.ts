import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { callOutsideUnsampledSpan } from '@app/tracing';
import { DataSource } from 'typeorm';

/** The parts of node-postgres' Pool and Client whose calls the pg instrumentation turns into spans. */
interface PgClient {
  query(...args: unknown[]): unknown;
}
interface PgPool {
  connect(...args: unknown[]): unknown;
  on(event: 'acquire', listener: (client: PgClient) => void): unknown;
}

const outsideUnsampled = new WeakSet<object>();

/**
 * Makes the pool's `connect` and every pooled client's `query` run outside an unsampled request's
 * span (decision 0145): the pg instrumentation then skips them at its first check (`requireParentSpan`)
 * instead of building a `pg-pool.connect` and a query span per call that no exporter receives. Sampled
 * requests get both spans as before. Clients are wrapped as the pool hands them out, so those opened
 * before (migrations at boot) are covered too. Idempotent.
 */
export function queriesOutsideUnsampledSpans(pool: PgPool): void {
  if (outsideUnsampled.has(pool)) return;
  outsideUnsampled.add(pool);
  const connect = pool.connect.bind(pool);
  pool.connect = (...args: unknown[]) => callOutsideUnsampledSpan(connect, undefined, args);
  pool.on('acquire', (client) => {
    if (outsideUnsampled.has(client)) return;
    outsideUnsampled.add(client);
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => callOutsideUnsampledSpan(query, undefined, args);
  });
}

/** Applies queriesOutsideUnsampledSpans to TypeORM's PostgreSQL pool once the data source is up. */
@Injectable()
export class UnsampledQueriesUntraced implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'postgres') return;
    // TypeORM keeps node-postgres' Pool on its driver as `master`; it is not part of its typed API.
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (pool !== undefined) queriesOutsideUnsampledSpans(pool);
  }
}
