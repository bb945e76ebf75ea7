import { Gauge } from 'prom-client';
import { metricOnce } from './metric-once';

export const DB_POOL_USAGE = 'db_client_connections_usage';
export const DB_POOL_MAX = 'db_client_connections_max';
export const DB_POOL_PENDING = 'db_client_connections_pending_requests';

/** A connection pool's state at one moment. */
export interface PoolUsage {
  readonly idle: number;
  readonly used: number;
  readonly max: number;
  /** Callers waiting for a connection. */
  readonly pending: number;
}

export type PoolReader = () => PoolUsage | undefined;

/**
 * Database connection pool gauges (OpenTelemetry's db.client.connection.*
 * names in Prometheus form), read from the pool when Prometheus scrapes, so
 * they cost nothing per query.
 */
export abstract class DbPoolMetrics {
  abstract observe(poolName: string, read: PoolReader): void;
}

export class PrometheusDbPoolMetrics extends DbPoolMetrics {
  private readonly pools = new Map<string, PoolReader>();

  constructor() {
    super();
    const pools = this.pools;
    const snapshots = () =>
      [...pools].flatMap(([name, read]) => {
        const usage = read();
        return usage === undefined ? [] : [{ name, usage }];
      });
    metricOnce(
      DB_POOL_USAGE,
      () =>
        new Gauge<'pool_name' | 'state'>({
          name: DB_POOL_USAGE,
          help: 'Connections in the database pool, by state (idle, used).',
          labelNames: ['pool_name', 'state'],
          collect() {
            this.reset();
            for (const { name, usage } of snapshots()) {
              this.set({ pool_name: name, state: 'idle' }, usage.idle);
              this.set({ pool_name: name, state: 'used' }, usage.used);
            }
          },
        }),
    );
    metricOnce(
      DB_POOL_MAX,
      () =>
        new Gauge<'pool_name'>({
          name: DB_POOL_MAX,
          help: 'Largest number of connections the database pool may open.',
          labelNames: ['pool_name'],
          collect() {
            this.reset();
            for (const { name, usage } of snapshots()) this.set({ pool_name: name }, usage.max);
          },
        }),
    );
    metricOnce(
      DB_POOL_PENDING,
      () =>
        new Gauge<'pool_name'>({
          name: DB_POOL_PENDING,
          help: 'Queries waiting for a free connection from the database pool.',
          labelNames: ['pool_name'],
          collect() {
            this.reset();
            for (const { name, usage } of snapshots()) this.set({ pool_name: name }, usage.pending);
          },
        }),
    );
  }

  observe(poolName: string, read: PoolReader): void {
    this.pools.set(poolName, read);
  }
}

export class NoDbPoolMetrics extends DbPoolMetrics {
  observe(): void {}
}
