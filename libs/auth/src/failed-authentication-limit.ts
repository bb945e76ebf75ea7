import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerException, getStorageToken } from '@nestjs/throttler';
import { AppConfig } from '@app/config';
import { clientIdentityOf } from './client-identity';
import { RATE_LIMIT_THROTTLER, SHARED_SCOPE, rateLimitKey } from './rate-limit-key';
import { rateLimitMessage } from './rate-limit-message';
import { RecentFailures } from './recent-failures';
import type { RateLimitStore } from './rate-limit.store';

interface HeaderSink {
  header(name: string, value: string | number): unknown;
}

/**
 * Failed authentication counts against the caller's limit. Until a credential is proven the caller is
 * its address (Fastify's request.ip, which follows the configured trust-proxy rule, so a forged
 * X-Forwarded-For changes nothing), and each rejected API key or token is one request of that address.
 * Once the address is over RATE_LIMIT_MAX_REQUESTS in the window, credentials from it are refused with
 * 429 before they are looked up: guessing keys costs the guesser, not the database.
 *
 * The shared counter is asked before a lookup only for addresses this process saw fail in their
 * current window (decision 0151): a caller that never failed here pays no round trip for it. A guesser
 * spread over N replicas gets at most one lookup per replica past its limit per window, since its
 * first failure at each replica is counted, refused with 429 and remembered there.
 */
@Injectable()
export class FailedAuthenticationLimit {
  private readonly recentFailures = new RecentFailures();

  constructor(
    @Inject(getStorageToken()) private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  private get limit(): number {
    return this.config.rateLimit.maxRequests;
  }

  private get windowMs(): number {
    return this.config.rateLimit.windowSeconds * 1_000;
  }

  /** Throws the 429 when the address already spent its limit (asked only of addresses that failed here). */
  async ensureAllowed(ip: string, reply: HeaderSink): Promise<void> {
    if (!this.recentFailures.includes(ip)) return;
    const { hits, msLeft } = await this.store.peek(this.key(ip));
    if (hits >= this.limit) throw this.refusal(reply, Math.max(1, Math.ceil(msLeft / 1_000)));
  }

  /** Counts one failure; returns the 429 to throw instead of the 401 once the address is over its limit. */
  async countFailure(ip: string, reply: HeaderSink): Promise<ThrottlerException | undefined> {
    const record = await this.store.increment(this.key(ip), this.windowMs, this.limit);
    this.recentFailures.remember(ip, record.timeToExpire * 1_000);
    return record.isBlocked ? this.refusal(reply, record.timeToBlockExpire) : undefined;
  }

  private refusal(reply: HeaderSink, retryAfterSeconds: number): ThrottlerException {
    reply.header('Retry-After', retryAfterSeconds);
    reply.header('RateLimit-Limit', this.limit);
    reply.header('RateLimit-Remaining', 0);
    reply.header('RateLimit-Reset', retryAfterSeconds);
    return new ThrottlerException(rateLimitMessage(this.limit, this.windowMs, retryAfterSeconds));
  }

  private key(ip: string): string {
    return rateLimitKey(RATE_LIMIT_THROTTLER, SHARED_SCOPE, clientIdentityOf(undefined, ip));
  }
}
