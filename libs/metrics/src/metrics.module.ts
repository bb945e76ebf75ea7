import { type DynamicModule, Module } from '@nestjs/common';
import { ReadinessObserver } from '@app/lifecycle';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { BuildInfoGauge } from './build-info.gauge';
import { type BuildLabels, METRICS_BUILD_LABELS } from './build-labels';
import { CacheMetrics, NoCacheMetrics, PrometheusCacheMetrics } from './cache-metrics';
import { DbPoolMetrics, NoDbPoolMetrics, PrometheusDbPoolMetrics } from './db-pool-metrics';
import { DefaultMetricsCleanup } from './default-metrics';
import { DependencyMetrics } from './dependency-metrics';
import { FallbackMetrics, NoFallbackMetrics, PrometheusFallbackMetrics } from './fallback-metrics';
import { HttpMetrics } from './http-metrics';
import { HttpMetricsHooks } from './http-metrics.hooks';
import { MetricsController } from './metrics.controller';

export interface MetricsModuleOptions {
  /** METRICS_ENABLED; off removes the endpoint, the HTTP hooks and every collector. */
  readonly enabled: boolean;
  readonly build: BuildLabels;
}

/**
 * Prometheus metrics at GET /metrics: Node.js process metrics, HTTP RED
 * metrics recorded in Fastify hooks, app_build_info, and the collectors other
 * libs feed (CacheMetrics, DbPoolMetrics, readiness as dependency state).
 * Global, so those libs can inject the collectors; with metrics off they get no-ops.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    if (!options.enabled) {
      return {
        module: MetricsModule,
        global: true,
        providers: [
          { provide: CacheMetrics, useClass: NoCacheMetrics },
          { provide: DbPoolMetrics, useClass: NoDbPoolMetrics },
          { provide: FallbackMetrics, useClass: NoFallbackMetrics },
        ],
        exports: [CacheMetrics, DbPoolMetrics, FallbackMetrics],
      };
    }
    return {
      module: MetricsModule,
      global: true,
      imports: [
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          // A second app instance in the same process (tests) must not register them twice.
          defaultMetrics: { enabled: register.getSingleMetric('process_cpu_user_seconds_total') === undefined },
        }),
      ],
      providers: [
        { provide: METRICS_BUILD_LABELS, useValue: options.build },
        BuildInfoGauge,
        DefaultMetricsCleanup,
        HttpMetrics,
        HttpMetricsHooks,
        { provide: CacheMetrics, useClass: PrometheusCacheMetrics },
        { provide: DbPoolMetrics, useClass: PrometheusDbPoolMetrics },
        { provide: FallbackMetrics, useClass: PrometheusFallbackMetrics },
        { provide: ReadinessObserver, useClass: DependencyMetrics },
      ],
      exports: [PrometheusModule, CacheMetrics, DbPoolMetrics, FallbackMetrics, ReadinessObserver],
    };
  }
}
