export { MetricsModule, type MetricsModuleOptions } from './metrics.module';
export { APP_BUILD_INFO } from './build-info.gauge';
