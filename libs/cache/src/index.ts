export { CacheModule } from './cache.module';
export { CacheStore, type CacheBackend, type CacheStats } from './cache-store';
export { CacheReadinessCheck } from './cache-readiness.check';
export { MemoryCacheStore } from './memory-cache.store';
export { RedisCacheStore } from './redis-cache.store';
export { REDIS_CLIENT, createRedisClient } from './redis-client';
export { REDIS_RETRY_INTERVAL_MS, RedisFallback } from './redis-fallback';
export { redisFallbackReadiness } from './redis-fallback-readiness';
