import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

/** The header is empty, too long or has characters outside visible ASCII. */
export class InvalidIdempotencyKeyError extends DomainError {
  readonly code = 'idempotency-key-invalid';
  readonly status = HttpStatus.BAD_REQUEST;
  readonly title = 'Invalid Idempotency-Key';
}

/** The first request with this key has not finished: retry after Retry-After, it will be replayed then. */
export class IdempotentRequestInFlightError extends DomainError {
  readonly code = 'idempotency-request-in-flight';
  readonly status = HttpStatus.CONFLICT;
  readonly title = 'Idempotent Request In Flight';
  override readonly headers = { 'retry-after': '1' };
}

/** The key was first used with a different request (method, path or body). */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency-key-reused';
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  readonly title = 'Idempotency-Key Reused';
}

/** The first answer held a secret that is shown only once (an API key): it was not stored, so it cannot be replayed. */
export class IdempotentSecretNotReplayedError extends DomainError {
  readonly code = 'idempotency-secret-not-replayed';
  readonly status = HttpStatus.CONFLICT;
  readonly title = 'Secret Shown Only Once';
}
