import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

export class ExpiryInPastError extends DomainError {
  readonly code = 'expiry-in-past';
  readonly status = HttpStatus.BAD_REQUEST;
  readonly title = 'Expiry In The Past';
}
