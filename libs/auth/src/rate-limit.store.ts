import type { ThrottlerStorage } from '@nestjs/throttler';
import { type RedisFallback } from '@app/cache';
import type { Redis } from 'ioredis';

/** What @nestjs/throttler's guard needs back from a store for one request. */
export interface RateLimitRecord {
  readonly totalHits: number;
  /** Seconds until the window ends. */
  readonly timeToExpire: number;
  readonly isBlocked: boolean;
  /** Seconds until the client may try again (Retry-After); 0 when not blocked. */
  readonly timeToBlockExpire: number;
}

/**
 * Fixed-window counters, one per key: the first hit of a window starts it, every hit counts, and hits
 * past the limit are refused until the window ends. Each request costs the same whatever the traffic
 * (one counter read and write), unlike @nestjs/throttler's default storage, which keeps and prunes an
 * array of every hit of the window.
 */
export abstract class RateLimitStore implements ThrottlerStorage {
  abstract increment(key: string, ttlMs: number, limit: number): Promise<RateLimitRecord>;
  /** The key's hits in its current window, without counting one (0 when it has none). */
  abstract peek(key: string): Promise<{ readonly hits: number; readonly msLeft: number }>;
}

export function toRecord(hits: number, msLeft: number, limit: number): RateLimitRecord {
  const seconds = Math.max(1, Math.ceil(msLeft / 1_000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}

/** This process's counters: the store without Redis, and the fallback when Redis fails. */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { hits: number; endsAtMs: number }>();
  private nextSweepAtMs = 0;

  constructor(private readonly nowMs: () => number = () => performance.now()) {
    super();
  }

  increment(key: string, ttlMs: number, limit: number): Promise<RateLimitRecord> {
    const now = this.nowMs();
    this.sweep(now, ttlMs);
    let window = this.windows.get(key);
    if (window === undefined || window.endsAtMs <= now) {
      window = { hits: 0, endsAtMs: now + ttlMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return Promise.resolve(toRecord(window.hits, window.endsAtMs - now, limit));
  }

  /** How many windows this process holds: the ended ones are forgotten, so one client per address stays bounded. */
  get size(): number {
    return this.windows.size;
  }

  peek(key: string): Promise<{ hits: number; msLeft: number }> {
    const now = this.nowMs();
    const window = this.windows.get(key);
    if (window === undefined || window.endsAtMs <= now) return Promise.resolve({ hits: 0, msLeft: 0 });
    return Promise.resolve({ hits: window.hits, msLeft: window.endsAtMs - now });
  }

  /** Forgets ended windows once per window length: amortised, each request still costs O(1). */
  private sweep(now: number, ttlMs: number): void {
    if (now < this.nextSweepAtMs) return;
    this.nextSweepAtMs = now + ttlMs;
    for (const [key, window] of this.windows) if (window.endsAtMs <= now) this.windows.delete(key);
  }
}

/**
 * One round trip per request: INCR, the window's expiry set by its first hit, and the time left, in one
 * atomic script. Shared by every replica, so the limit holds however the load balancer spreads a client.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

const PEEK_SCRIPT = `
local hits = redis.call('GET', KEYS[1])
if not hits then return { 0, 0 } end
return { tonumber(hits), redis.call('PTTL', KEYS[1]) }
`;

export class RedisRateLimitStore extends RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async increment(key: string, ttlMs: number, limit: number): Promise<RateLimitRecord> {
    const [hits, msLeft] = (await this.redis.eval(INCREMENT_SCRIPT, 1, this.key(key), String(ttlMs))) as [
      number,
      number,
    ];
    return toRecord(hits, msLeft, limit);
  }

  async peek(key: string): Promise<{ hits: number; msLeft: number }> {
    const [hits, msLeft] = (await this.redis.eval(PEEK_SCRIPT, 1, this.key(key))) as [number, number];
    return { hits, msLeft: Math.max(0, msLeft) };
  }

  private key(key: string): string {
    return `${this.prefix}ratelimit:${key}`;
  }
}

/**
 * Redis when it answers, this process's counters when it does not (fail open, decision 0040): a Redis
 * outage must not turn every request into a 500, nor switch the limit off. While degraded each replica
 * enforces the limit on its own, so a client spread over N replicas may get up to N times the limit;
 * app_redis_fallback_total{component="rate_limit"} counts those decisions and /ready says "degraded".
 */
export class FailOpenRateLimitStore extends RateLimitStore {
  constructor(
    private readonly shared: RedisRateLimitStore,
    private readonly local: MemoryRateLimitStore,
    readonly fallback: RedisFallback,
  ) {
    super();
  }

  increment(key: string, ttlMs: number, limit: number): Promise<RateLimitRecord> {
    return this.fallback.run(
      () => this.shared.increment(key, ttlMs, limit),
      () => this.local.increment(key, ttlMs, limit),
    );
  }

  peek(key: string): Promise<{ hits: number; msLeft: number }> {
    return this.fallback.run(
      () => this.shared.peek(key),
      () => this.local.peek(key),
    );
  }
}
