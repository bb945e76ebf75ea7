import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

export class EmailTakenError extends DomainError {
  readonly code = 'email-taken';
  readonly status = HttpStatus.CONFLICT;
  readonly title = 'Email Taken';
}

/** Same answer for an unknown email and a wrong password. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'invalid-credentials';
  readonly status = HttpStatus.UNAUTHORIZED;
  readonly title = 'Invalid Credentials';
}

/** Unknown, expired, revoked or already-used refresh token. */
export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'invalid-refresh-token';
  readonly status = HttpStatus.UNAUTHORIZED;
  readonly title = 'Invalid Refresh Token';
}
