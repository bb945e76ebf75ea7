import { type DynamicModule, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { BuildInfoGauge } from './build-info.gauge';
import { type BuildLabels, METRICS_BUILD_LABELS } from './build-labels';
import { MetricsController } from './metrics.controller';

export interface MetricsModuleOptions {
  /** METRICS_ENABLED; off removes the endpoint and every collector. */
  readonly enabled: boolean;
  readonly build: BuildLabels;
}

/** Prometheus metrics at GET /metrics: Node.js process metrics and app_build_info. */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    if (!options.enabled) return { module: MetricsModule };
    return {
      module: MetricsModule,
      imports: [
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          // prom-client's registry is per process; a second app instance in the same
          // process (tests, two instances sharing Redis) must not register them twice.
          defaultMetrics: { enabled: register.getSingleMetric('process_cpu_user_seconds_total') === undefined },
        }),
      ],
      providers: [{ provide: METRICS_BUILD_LABELS, useValue: options.build }, BuildInfoGauge],
      exports: [PrometheusModule],
    };
  }
}
