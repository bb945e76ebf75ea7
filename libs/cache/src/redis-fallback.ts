import { Logger } from '@nestjs/common';
import { type FallbackComponent, type FallbackMetrics, NoFallbackMetrics } from '@app/metrics';
import type { Redis } from 'ioredis';

/** How long a component answers from memory after a Redis failure before it tries Redis again. */
export const REDIS_RETRY_INTERVAL_MS = 1_000;

/**
 * The one rule every Redis-backed component follows when Redis fails: answer from process memory
 * (a miss, a per-process counter), count it in app_redis_fallback_total, log the change of state once
 * (not once per request), and go back to Redis by itself when it answers again.
 *
 * While degraded, Redis is tried again at most once per REDIS_RETRY_INTERVAL_MS: a frozen Redis
 * (connected, never answering) costs one request the command timeout per interval, not every request.
 * A client that is not connected is not tried at all (ioredis would refuse the command anyway).
 */
export class RedisFallback {
  private readonly logger: Logger;
  private degradedSince: number | undefined;
  private nextAttemptAt = 0;
  private lastError = '';

  constructor(
    readonly component: FallbackComponent,
    private readonly redis: Redis,
    private readonly metrics: FallbackMetrics = new NoFallbackMetrics(),
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.logger = new Logger(`RedisFallback:${component}`);
    // A reconnected client has just heard from Redis: shared state again, without waiting for a request.
    redis.on('ready', () => this.recovered());
  }

  /** True while answers come from process memory. */
  get degraded(): boolean {
    return this.degradedSince !== undefined;
  }

  /** Why the component is degraded ("" when it is not). */
  get reason(): string {
    return this.degraded ? this.lastError : '';
  }

  /** Runs `viaRedis`, or `fallback` when Redis is away, failing, or was failing a moment ago. */
  async run<T>(viaRedis: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') return this.fallBack(fallback, `redis connection is ${this.redis.status}`);
    if (this.degraded && this.nowMs() < this.nextAttemptAt) return this.fallBack(fallback, this.lastError);
    try {
      const value = await viaRedis();
      this.recovered();
      return value;
    } catch (error) {
      this.nextAttemptAt = this.nowMs() + REDIS_RETRY_INTERVAL_MS;
      return this.fallBack(fallback, error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * For readiness: while degraded, asks Redis (PING, at most once per retry interval) whether it is back,
   * so /ready turns "up" when Redis does, even with no request to try it.
   */
  async probe(): Promise<void> {
    if (!this.degraded || this.redis.status !== 'ready' || this.nowMs() < this.nextAttemptAt) return;
    try {
      await this.redis.ping();
      this.recovered();
    } catch (error) {
      this.nextAttemptAt = this.nowMs() + REDIS_RETRY_INTERVAL_MS;
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  private fallBack<T>(fallback: () => T | Promise<T>, reason: string): T | Promise<T> {
    if (!this.degraded) {
      this.degradedSince = this.nowMs();
      this.nextAttemptAt = this.nowMs() + REDIS_RETRY_INTERVAL_MS;
      this.logger.warn(`redis unavailable (${reason}); answering from process memory until it is back`);
    }
    this.lastError = reason;
    this.metrics.fellBack(this.component);
    return fallback();
  }

  private recovered(): void {
    if (this.degradedSince === undefined) return;
    const seconds = ((this.nowMs() - this.degradedSince) / 1_000).toFixed(1);
    this.degradedSince = undefined;
    this.lastError = '';
    this.logger.log(`redis is back after ${seconds} s; shared state again`);
  }
}
