import type { RedisFallback } from '@app/cache';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface BudgetWindow {
  /** Tokens spent in the current window. */
  readonly spent: number;
  /** Milliseconds until the window resets. */
  readonly resetsInMs: number;
}

/** Tokens spent per client and fixed window: in Redis when configured (shared by replicas), else in memory. */
export abstract class TokenBudgetStore {
  abstract read(client: string, windowMs: number): Promise<BudgetWindow>;
  abstract spend(client: string, tokens: number, windowMs: number): Promise<void>;
}

/** How many clients' windows one process keeps in memory; beyond it the least recently seen is forgotten. */
export const MAX_TRACKED_CLIENTS = 100_000;

/**
 * This process's windows, bounded: every distinct client (an address, when auth is off) adds one,
 * so an unbounded map would grow for as long as new clients arrive. Past `maxClients` the least
 * recently seen client's window is dropped, and its next request starts a fresh one: the bound
 * fails open, as the Redis fallback does, rather than refusing anyone.
 */
export class MemoryTokenBudgetStore extends TokenBudgetStore {
  private readonly windows: LRUCache<string, { spent: number; endsAtMs: number }>;

  constructor(
    private readonly nowMs: () => number,
    maxClients = MAX_TRACKED_CLIENTS,
  ) {
    super();
    this.windows = new LRUCache({ max: maxClients });
  }

  read(client: string, windowMs: number): Promise<BudgetWindow> {
    const window = this.current(client, windowMs);
    return Promise.resolve({ spent: window.spent, resetsInMs: window.endsAtMs - this.nowMs() });
  }

  spend(client: string, tokens: number, windowMs: number): Promise<void> {
    this.current(client, windowMs).spent += tokens;
    return Promise.resolve();
  }

  private current(client: string, windowMs: number): { spent: number; endsAtMs: number } {
    const now = this.nowMs();
    let window = this.windows.get(client);
    if (window === undefined || window.endsAtMs <= now) {
      window = { spent: 0, endsAtMs: now + windowMs };
      this.windows.set(client, window);
    }
    return window;
  }
}

/** INCRBY with an expiry set by the first spend of a window, atomically. */
const SPEND_SCRIPT = `
local spent = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return spent
`;

export class RedisTokenBudgetStore extends TokenBudgetStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async read(client: string, windowMs: number): Promise<BudgetWindow> {
    const key = this.key(client);
    const [spent, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { spent: Number(spent ?? 0), resetsInMs: ttl > 0 ? ttl : windowMs };
  }

  async spend(client: string, tokens: number, windowMs: number): Promise<void> {
    await this.redis.eval(SPEND_SCRIPT, 1, this.key(client), String(tokens), String(windowMs));
  }

  private key(client: string): string {
    return `${this.prefix}token-budget:${client}`;
  }
}

/**
 * Redis when it answers, this process's windows when it does not (fail open, like the rate limit:
 * decision 0040). While degraded a client's spend is counted per replica; app_redis_fallback_total
 * {component="token_budget"} counts those decisions and /ready reports tokenBudget "degraded".
 */
export class FailOpenTokenBudgetStore extends TokenBudgetStore {
  constructor(
    private readonly shared: RedisTokenBudgetStore,
    private readonly local: MemoryTokenBudgetStore,
    readonly fallback: RedisFallback,
  ) {
    super();
  }

  read(client: string, windowMs: number): Promise<BudgetWindow> {
    return this.fallback.run(
      () => this.shared.read(client, windowMs),
      () => this.local.read(client, windowMs),
    );
  }

  spend(client: string, tokens: number, windowMs: number): Promise<void> {
    return this.fallback.run(
      () => this.shared.spend(client, tokens, windowMs),
      () => this.local.spend(client, tokens, windowMs),
    );
  }
}
