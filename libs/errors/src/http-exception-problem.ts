import { type HttpException, HttpStatus } from '@nestjs/common';
import type { FieldProblem } from './problem-details';

/** Codes for the statuses Nest and Fastify raise themselves. */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'bad-request',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'method-not-allowed',
  [HttpStatus.NOT_ACCEPTABLE]: 'not-acceptable',
  [HttpStatus.CONFLICT]: 'conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload-too-large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported-media-type',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'unprocessable-entity',
  [HttpStatus.TOO_MANY_REQUESTS]: 'rate-limited',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'service-unavailable',
};

export interface HttpExceptionProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly FieldProblem[];
}

const TITLE_BY_CODE = (code: string): string =>
  code
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/**
 * Reads a Nest HttpException (including ValidationPipe's 400 with its message
 * list) into problem fields, without echoing anything the exception did not
 * mean to say.
 */
export function describeHttpException(exception: HttpException): HttpExceptionProblem {
  const status = exception.getStatus();
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'server-error' : 'client-error');
  const messages = messageList(exception.getResponse());
  // Nest already made the message of a string response, or of the response's string `message`.
  if (messages === undefined) return { status, code, title: TITLE_BY_CODE(code), detail: exception.message };
  return {
    status,
    code: 'validation-failed',
    title: 'Validation Failed',
    detail: 'The request is invalid; see errors for each rejected field.',
    errors: messages.filter((entry): entry is string => typeof entry === 'string').map(toFieldProblem),
  };
}

/** ValidationPipe's list of messages, if the response is an object that carries one. */
function messageList(response: unknown): readonly unknown[] | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const { message } = response as { message?: unknown };
  return Array.isArray(message) ? message : undefined;
}

/** class-validator messages start with the property path ("name must be a string"). */
function toFieldProblem(message: string): FieldProblem {
  const space = message.indexOf(' ');
  const field = space > 0 ? message.slice(0, space) : '';
  return { field, message };
}
