import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@app/config';
import { CacheMetrics, FallbackMetrics } from '@app/metrics';
import type { Redis } from 'ioredis';
import { CacheReadinessCheck } from './cache-readiness.check';
import { CacheStore } from './cache-store';
import { MemoryCacheStore } from './memory-cache.store';
import { REDIS_CLIENT, createRedisClient } from './redis-client';
import { RedisCacheStore } from './redis-cache.store';

/** Redis when REDIS_URL is set, an in-process LRU otherwise; same CacheStore either way. */
@Module({})
export class CacheModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Optional() @Inject(REDIS_CLIENT) private readonly redis?: Redis) {}

  static forRoot(): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: REDIS_CLIENT, inject: [AppConfig], useFactory: createRedisClient },
        {
          provide: CacheStore,
          inject: [
            AppConfig,
            REDIS_CLIENT,
            { token: CacheMetrics, optional: true },
            { token: FallbackMetrics, optional: true },
          ],
          useFactory: (
            config: AppConfig,
            redis: Redis | undefined,
            metrics?: CacheMetrics,
            fallbackMetrics?: FallbackMetrics,
          ): CacheStore =>
            redis === undefined
              ? new MemoryCacheStore(config.cache.maxEntries, undefined, metrics)
              : new RedisCacheStore(redis, config.cache.keyPrefix, metrics, fallbackMetrics),
        },
        CacheReadinessCheck,
      ],
      exports: [CacheStore, REDIS_CLIENT, CacheReadinessCheck],
    };
  }

  /**
   * Give Redis a moment to connect before the app serves, so the first
   * requests and the first readiness probe do not see a half-open client.
   * A Redis that stays away does not stop the boot: the cache degrades.
   */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (redis === undefined || redis.status === 'ready') return;
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2_000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) new Logger(CacheModule.name).warn('redis is not reachable yet; serving with a degraded cache');
  }

  /** Last step of shutdown: in-flight requests are done by now. */
  async onApplicationShutdown(): Promise<void> {
    if (this.redis !== undefined && this.redis.status !== 'end') {
      await this.redis.quit().catch(() => this.redis?.disconnect());
    }
  }
}
