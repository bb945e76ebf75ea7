import { Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DbPoolMetrics, type PoolUsage } from '@app/metrics';
import { DataSource } from 'typeorm';

/** The parts of node-postgres' Pool the gauges read. */
interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

/**
 * Feeds the PostgreSQL connection pool's state to the pool gauges. SQLite has
 * no pool, so with the embedded database there is nothing to observe.
 */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: DbPoolMetrics,
  ) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'postgres') return;
    this.metrics?.observe('main', () => this.usage());
  }

  private usage(): PoolUsage | undefined {
    // TypeORM keeps node-postgres' Pool on its driver as `master`; it is not part of its typed API.
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (pool === undefined) return undefined;
    return {
      idle: pool.idleCount,
      used: pool.totalCount - pool.idleCount,
      max: pool.options?.max ?? pool.totalCount,
      pending: pool.waitingCount,
    };
  }
}
