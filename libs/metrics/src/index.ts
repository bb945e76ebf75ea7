export { MetricsModule, type MetricsModuleOptions } from './metrics.module';
export { APP_BUILD_INFO } from './build-info.gauge';
export {
  CACHE_OPERATIONS_TOTAL,
  CacheMetrics,
  type CacheOperation,
  type CacheResult,
  NoCacheMetrics,
  PrometheusCacheMetrics,
} from './cache-metrics';
export {
  DB_POOL_MAX,
  DB_POOL_PENDING,
  DB_POOL_USAGE,
  DbPoolMetrics,
  NoDbPoolMetrics,
  type PoolReader,
  type PoolUsage,
  PrometheusDbPoolMetrics,
} from './db-pool-metrics';
export {
  FALLBACK_COMPONENTS,
  type FallbackComponent,
  FallbackMetrics,
  NoFallbackMetrics,
  PrometheusFallbackMetrics,
  REDIS_FALLBACK_TOTAL,
} from './fallback-metrics';
export { DEPENDENCY_CHECK_DURATION, DEPENDENCY_UP, DependencyMetrics } from './dependency-metrics';
export {
  HTTP_ACTIVE_REQUESTS,
  HTTP_LATENCY_BUCKETS,
  HTTP_REQUEST_DURATION,
  HTTP_REQUESTS_TOTAL,
  HttpMetrics,
} from './http-metrics';
export { OPENMETRICS_CONTENT_TYPE, renderOpenMetrics } from './open-metrics';
export { metricOnce } from './metric-once';
