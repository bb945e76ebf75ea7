import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblem } from '@app/errors';
import { IDEMPOTENT_OPTIONS, type IdempotentOptions } from './idempotent-options';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key-header';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** What the OpenAPI document says about the header; create-http-app shares it as one component parameter. */
export const IDEMPOTENCY_KEY_PARAMETER = {
  name: IDEMPOTENCY_KEY_HEADER,
  required: false,
  description:
    'A client-chosen unique value (a random UUID) that makes retrying this create safe: the first answer is stored ' +
    'for IDEMPOTENCY_KEY_TTL_SECONDS, per caller, and a retry with the same key and body gets it again with ' +
    '`Idempotent-Replayed: true` instead of creating a second resource. The same key with a different body is 422; ' +
    'while the first request is still running, 409 with Retry-After. Failed requests are not stored.',
  schema: {
    type: 'string' as const,
    minLength: 1,
    maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
    example: '5f0c6f7e-3c1a-4a8e-9d43-2b0a9f6f1e27',
  },
};

/** A create that accepts an Idempotency-Key (decision 0090): one interceptor, documented in OpenAPI. */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_OPTIONS, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader(IDEMPOTENCY_KEY_PARAMETER),
    ApiProblem(
      409,
      'Conflicts with the current state; with an Idempotency-Key also: its first request is still in flight ' +
        '(`idempotency-request-in-flight`, retry after Retry-After)' +
        (options.secretField === undefined
          ? ''
          : ', or it already created this resource, whose secret is shown only once (`idempotency-secret-not-replayed`, `resourceId` names it)'),
    ),
    ApiProblem(422, 'The Idempotency-Key was already used with a different request (`idempotency-key-reused`)'),
  );
}
