import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { clientIdentityOf } from './client-identity';
import { SHARED_SCOPE, rateLimitKey } from './rate-limit-key';
import { rateLimitMessage } from './rate-limit-message';
import type { AuthenticatedRequest } from './principal';

export const STRICT_RATE_LIMIT = 'rateLimit:strict';

/**
 * Routes that guess at credentials (login, register, refresh) get the stricter
 * RATE_LIMIT_AUTH_MAX_REQUESTS per window, counted per route and client.
 */
export const StrictRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(STRICT_RATE_LIMIT, true);

/**
 * @nestjs/throttler with three changes: the client is the authenticated
 * principal when there is one (else the address Fastify derived under the
 * configured trust-proxy rule, so a forged X-Forwarded-For changes nothing);
 * the default limit counts all of a client's requests together instead of per
 * route; the headers are the IETF `RateLimit-*` fields; and the 429's detail is written for people.
 * The counters live in a RateLimitStore (rate-limit.store.ts): constant cost per request, Redis
 * shared by the replicas, process memory when Redis fails.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(clientIdentityOf((request as AuthenticatedRequest).principal, String(request.ip)));
  }

  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    const scope = this.isStrict(context) ? `${context.getClass().name}.${context.getHandler().name}` : SHARED_SCOPE;
    return rateLimitKey(throttlerName, scope, tracker);
  }

  /** A detail for people (the library's default names its own class: "ThrottlerException: Too Many Requests"). */
  protected override getErrorMessage(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<string> {
    return Promise.resolve(rateLimitMessage(detail.limit, detail.ttl, detail.timeToBlockExpire));
  }

  /** The 429 carries the same RateLimit-* fields as every other response, plus Retry-After. */
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string | number): unknown }>();
    reply.header(`${this.headerPrefix}-Limit`, detail.limit);
    reply.header(`${this.headerPrefix}-Remaining`, 0);
    reply.header(`${this.headerPrefix}-Reset`, detail.timeToBlockExpire);
    await super.throwThrottlingException(context, detail);
  }

  private isStrict(context: ExecutionContext): boolean {
    return isStrictRateLimited(this.reflector, context);
  }
}

export function isStrictRateLimited(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(STRICT_RATE_LIMIT, [context.getHandler(), context.getClass()]) === true;
}
