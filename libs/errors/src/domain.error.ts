import { HttpStatus } from '@nestjs/common';

/**
 * Base class for errors the domain raises on purpose. Each subclass has a
 * stable machine-readable `code` that becomes the problem `type` URI, and the
 * HTTP status it maps to. The global filter turns them into problem+json.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: HttpStatus;
  /** Short, human-readable summary of the problem type (RFC 9457 `title`). */
  abstract readonly title: string;
  /** Response headers that belong to the problem, such as Retry-After on a 429 or 503. */
  readonly headers: Readonly<Record<string, string>> = {};

  constructor(
    detail: string,
    /** Extra members added to the problem document (never secrets). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  readonly status = HttpStatus.NOT_FOUND;
  readonly title = 'Not Found';
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
  readonly status = HttpStatus.CONFLICT;
  readonly title = 'Conflict';
}
