import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { requiredServiceUrls } from '../../../test/support/service-env';
import { CacheReadinessCheck } from './cache-readiness.check';
import { RedisCacheStore } from './redis-cache.store';

describe(CacheReadinessCheck.name, () => {
  const { redisUrl } = requiredServiceUrls();

  it('reports Redis up when it answers PING', async () => {
    const redis = new Redis(redisUrl);
    try {
      const check = new CacheReadinessCheck(new RedisCacheStore(redis, 'x:'), new HealthIndicatorService(), redis);
      expect((await check.check(1_000)).cache).toMatchObject({ status: 'up', backend: 'redis' });
    } finally {
      await redis.quit();
    }
  });

  it('reports degraded, not down, when Redis is unreachable, so the pod keeps serving', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      const check = new CacheReadinessCheck(new RedisCacheStore(redis, 'x:'), new HealthIndicatorService(), redis);
      const result = await check.check(500);
      expect(result.cache).toMatchObject({ status: 'degraded', message: expect.stringMatching(/^redis unreachable/) });
    } finally {
      redis.disconnect();
      jest.restoreAllMocks();
    }
  });
});
