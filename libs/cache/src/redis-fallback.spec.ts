import { Logger } from '@nestjs/common';
import { type FallbackComponent, FallbackMetrics } from '@app/metrics';
import type { Redis } from 'ioredis';
import { REDIS_RETRY_INTERVAL_MS, RedisFallback } from './redis-fallback';

class CountedFallbacks extends FallbackMetrics {
  count = 0;
  fellBack(_component: FallbackComponent): void {
    this.count += 1;
  }
}

describe(RedisFallback.name, () => {
  let now: number;
  let redis: { status: string; ping: jest.Mock; on: (event: string, listener: () => void) => void; ready?: () => void };
  let metrics: CountedFallbacks;
  let fallback: RedisFallback;
  let warnings: jest.SpyInstance;

  beforeEach(() => {
    now = 0;
    redis = {
      status: 'ready',
      ping: jest.fn(() => Promise.resolve('PONG')),
      on: (event, listener) => {
        if (event === 'ready') redis.ready = listener;
      },
    };
    metrics = new CountedFallbacks();
    fallback = new RedisFallback('rate_limit', redis as unknown as Redis, metrics, () => now);
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('run', () => {
    it('answers from Redis while it works', async () => {
      expect(
        await fallback.run(
          () => Promise.resolve('redis'),
          () => 'memory',
        ),
      ).toBe('redis');
      expect(fallback.degraded).toBe(false);
      expect(metrics.count).toBe(0);
    });

    it('answers from memory when Redis fails, counts it, and logs the change once', async () => {
      const failing = jest.fn(() => Promise.reject(new Error("Stream isn't writeable")));
      expect(await fallback.run(failing, () => 'memory')).toBe('memory');
      expect(await fallback.run(failing, () => 'memory')).toBe('memory');
      expect(fallback.degraded).toBe(true);
      expect(fallback.reason).toContain('writeable');
      expect(metrics.count).toBe(2);
      expect(warnings).toHaveBeenCalledTimes(1);
    });

    it('does not try a failing Redis again until the retry interval passed, then recovers by itself', async () => {
      await fallback.run(
        () => Promise.reject(new Error('timeout')),
        () => 'memory',
      );
      const viaRedis = jest.fn(() => Promise.resolve('redis'));
      expect(await fallback.run(viaRedis, () => 'memory')).toBe('memory');
      expect(viaRedis).not.toHaveBeenCalled();
      now += REDIS_RETRY_INTERVAL_MS;
      expect(await fallback.run(viaRedis, () => 'memory')).toBe('redis');
      expect(fallback.degraded).toBe(false);
    });

    it('is back to Redis as soon as the client reconnects, without waiting for a request', async () => {
      redis.status = 'reconnecting';
      await fallback.run(
        () => Promise.resolve('redis'),
        () => 'memory',
      );
      redis.status = 'ready';
      redis.ready?.();
      expect(fallback.degraded).toBe(false);
    });

    it('does not send a command while the client is not connected', async () => {
      redis.status = 'reconnecting';
      const viaRedis = jest.fn(() => Promise.resolve('redis'));
      expect(await fallback.run(viaRedis, () => 'memory')).toBe('memory');
      expect(viaRedis).not.toHaveBeenCalled();
      expect(fallback.reason).toBe('redis connection is reconnecting');
    });
  });

  describe('probe', () => {
    it('asks a Redis that failed whether it is back once the retry interval passed', async () => {
      await fallback.run(
        () => Promise.reject(new Error('Command timed out')),
        () => 'memory',
      );
      await fallback.probe();
      expect(redis.ping).not.toHaveBeenCalled();
      now += REDIS_RETRY_INTERVAL_MS;
      await fallback.probe();
      expect(redis.ping).toHaveBeenCalledTimes(1);
      expect(fallback.degraded).toBe(false);
    });
  });
});
