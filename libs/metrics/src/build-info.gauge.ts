import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { METRICS_BUILD_LABELS, type BuildLabels } from './build-labels';

export const APP_BUILD_INFO = 'app_build_info';

/** app_build_info{version,commit} 1: joins any series to the build that produced it. */
@Injectable()
export class BuildInfoGauge implements OnModuleInit {
  constructor(@Inject(METRICS_BUILD_LABELS) private readonly labels: BuildLabels) {}

  onModuleInit(): void {
    const gauge =
      (register.getSingleMetric(APP_BUILD_INFO) as Gauge<'version' | 'commit'> | undefined) ??
      new Gauge({
        name: APP_BUILD_INFO,
        help: 'Build of the running app; always 1.',
        labelNames: ['version', 'commit'],
      });
    gauge.set({ version: this.labels.version, commit: this.labels.commit }, 1);
  }
}
