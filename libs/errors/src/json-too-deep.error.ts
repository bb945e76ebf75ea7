import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain.error';

/** A JSON body nested deeper than HTTP_JSON_MAX_DEPTH: refused before it is parsed. */
export class JsonTooDeepError extends DomainError {
  readonly code = 'json-too-deep';
  readonly status = HttpStatus.BAD_REQUEST;
  readonly title = 'JSON Too Deep';
  /** Fastify reads the status of errors raised by a body parser from here. */
  readonly statusCode = HttpStatus.BAD_REQUEST;

  constructor(readonly maxDepth: number) {
    super(`The JSON body nests objects and arrays deeper than ${maxDepth} levels, the most this API accepts.`, {
      maxDepth,
    });
  }
}
