import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

export class NotReadyError extends DomainError {
  readonly code = 'not-ready';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly title = 'Not Ready';
}
