import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

/** Missing, malformed, expired, revoked or forged credentials: always the same 401. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  readonly status = HttpStatus.UNAUTHORIZED;
  readonly title = 'Unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  readonly status = HttpStatus.FORBIDDEN;
  readonly title = 'Forbidden';
}
