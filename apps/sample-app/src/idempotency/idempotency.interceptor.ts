import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, from, lastValueFrom } from 'rxjs';
import { type AuthenticatedRequest, SigningKeys } from '@app/auth';
import { IDEMPOTENT_OPTIONS, type IdempotentOptions } from './idempotent-options';
import { idempotencyKeyOf } from './idempotency-key-header';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';
import type { StoredResponse } from './stored-response';

/** Marks a replayed answer, as Stripe does; the first answer never carries it. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** Headers of a first answer that a replay repeats. */
const REPLAYED_HEADERS = ['location', 'content-location'];

/**
 * Applies an Idempotency-Key to the route it decorates (`@Idempotent()`): without the header the
 * request runs as usual; with it, the first request's answer is stored with the key, per caller,
 * and a retry with the same key and body gets that answer again with `Idempotent-Replayed: true`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Keys the request digests; derived from the signing key, so every replica computes the same. */
  private readonly fingerprintKey: Buffer;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    signingKeys: SigningKeys,
  ) {
    this.fingerprintKey = createHash('sha256')
      .update('sample-app idempotency fingerprint\0')
      .update(signingKeys.signingKey.export({ type: 'pkcs8', format: 'der' }))
      .digest();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT_OPTIONS, context.getHandler());
    if (options === undefined) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = idempotencyKeyOf(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const principal = request.principal;
    const scope = principal === undefined || principal.kind === 'anonymous' ? 'anonymous' : `user:${principal.userId}`;
    const path = request.url.split('?')[0] ?? '/';
    const fingerprint = requestFingerprint(this.fingerprintKey, request.method, path, request.body);
    const first = async () => {
      const body: unknown = await lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined });
      return { body, stored: toStored(reply, body, options) };
    };
    return from(
      this.store.execute({ scope, key, fingerprint }, first).then((outcome) => {
        if (!outcome.replayed) return outcome.body;
        void reply.status(outcome.stored.status).headers({ ...outcome.stored.headers, [REPLAYED_HEADER]: 'true' });
        return outcome.stored.body;
      }),
    );
  }
}

function toStored(reply: FastifyReply, body: unknown, options: IdempotentOptions): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  const secret = options.secretField;
  if (secret === undefined || typeof body !== 'object' || body === null) {
    return { status: reply.statusCode, headers, body };
  }
  const { [secret]: _withheld, ...rest } = body as Record<string, unknown>;
  const resourceId = typeof rest.id === 'string' ? rest.id : undefined;
  return {
    status: reply.statusCode,
    headers,
    body: rest,
    secretWithheld: resourceId === undefined ? {} : { resourceId },
  };
}
