import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain.error';
import { dependencyFailureOf } from './dependency-unavailable';
import { describeHttpException } from './http-exception-problem';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';

/**
 * The one place errors become responses. Domain errors and HttpExceptions keep
 * their status and say what is wrong; a dependency that is unavailable (the
 * database refused, timed out or vanished) is a 503 with Retry-After; anything
 * else is logged with its stack and answered with a bare 500 that carries only
 * the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const unavailable = exception instanceof DomainError ? undefined : dependencyFailureOf(exception);
    if (unavailable !== undefined) this.logUnavailable(exception);
    const answered = unavailable ?? exception;
    const problem = this.toProblem(answered, request);
    if (reply.sent) return;
    if (answered instanceof DomainError) void reply.headers(answered.headers);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const base = { instance: request.url.split('?')[0] ?? '/', requestId: String(request.id) };
    if (exception instanceof DomainError) {
      // Extensions first, so they can add members but never replace the standard ones.
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        code: exception.code,
        ...base,
      };
    }
    if (exception instanceof HttpException) {
      const described = describeHttpException(exception);
      if (described.status >= 500) this.logUnexpected(exception, base.requestId);
      return { type: problemType(described.code), ...described, ...base };
    }
    const fastifyStatus = fastifyClientErrorStatus(exception);
    if (fastifyStatus !== undefined) {
      const described = describeHttpException(new HttpException((exception as Error).message, fastifyStatus));
      return { type: problemType(described.code), ...described, ...base };
    }
    this.logUnexpected(exception, base.requestId);
    return {
      type: problemType('internal-error'),
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      code: 'internal-error',
      ...base,
    };
  }

  private lastUnavailableLogAt = -Infinity;

  /**
   * A dependency outage fails every request for a while: one warning per 10 s says so, instead of an
   * error with a stack per request (readiness logs when the dependency's state changes).
   */
  private logUnavailable(exception: unknown): void {
    const now = performance.now();
    if (now - this.lastUnavailableLogAt < 10_000) return;
    this.lastUnavailableLogAt = now;
    const message = exception instanceof Error ? exception.message : String(exception);
    this.logger.warn(`a dependency is unavailable; answering 503 with Retry-After (${message})`);
  }

  private logUnexpected(exception: unknown, requestId: string): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ err: error, requestId }, 'unhandled error while serving a request');
  }
}

/**
 * Fastify's own client errors (bad JSON, body too large, wrong content type)
 * carry a 4xx `statusCode` and a `FST_` code; their messages are written for clients.
 */
export function fastifyClientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  return typeof code === 'string' && code.startsWith('FST_') ? statusCode : undefined;
}
