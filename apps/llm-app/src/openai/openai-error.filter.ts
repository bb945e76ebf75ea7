import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ValidationFailedError, fastifyClientErrorStatus } from '@app/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ThrottlerException } from '@nestjs/throttler';
import { OpenAiError, rateLimited } from './openai.errors';

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
};

/**
 * Error responses of the OpenAI-compatible routes (applied by GatewayErrorFilter). Everything becomes the
 * OpenAI error shape; unknown errors are logged and answered with a bare 500
 * that carries the request id.
 */
@Catch()
export class OpenAiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(OpenAiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = this.toOpenAiError(exception, String(request.id), reply);
    if (reply.sent || reply.raw.headersSent) {
      // Mid-stream: the status line is gone; the stream writer reports the error in-band.
      return;
    }
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.headers(error.headers);
    void reply.status(error.status).header('content-type', 'application/json').send(error.toBody());
  }

  private toOpenAiError(exception: unknown, requestId: string, reply: FastifyReply): OpenAiError {
    if (exception instanceof OpenAiError) return exception;
    if (exception instanceof ThrottlerException) return this.tooManyRequests(reply);
    if (exception instanceof ValidationFailedError) {
      const first = exception.errors[0];
      return new OpenAiError(400, 'invalid_request_error', 'invalid_request', exception.message, first?.field ?? null);
    }
    if (exception instanceof DomainError) {
      return new OpenAiError(
        exception.status,
        TYPE_BY_STATUS[exception.status] ?? 'api_error',
        exception.code,
        exception.message,
      );
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return new OpenAiError(status, TYPE_BY_STATUS[status] ?? 'invalid_request_error', null, exception.message);
    }
    const fastifyStatus = fastifyClientErrorStatus(exception);
    if (fastifyStatus !== undefined) {
      return new OpenAiError(fastifyStatus, 'invalid_request_error', null, (exception as Error).message);
    }
    this.logger.error({ err: exception, requestId }, 'unhandled error while serving a completion');
    return new OpenAiError(500, 'api_error', 'internal_error', `The server had an error. Request id: ${requestId}.`);
  }

  /**
   * The gateway's own request limit, as OpenAI words a 429 (SDKs read the code
   * and Retry-After, which the rate-limit guard has already set).
   */
  private tooManyRequests(reply: FastifyReply): OpenAiError {
    const header = Number(reply.getHeader('retry-after'));
    const seconds = Number.isFinite(header) && header > 0 ? Math.ceil(header) : 1;
    return rateLimited(
      `Rate limit reached: this client sent more requests than the gateway allows; retry after ${seconds} s.`,
      seconds,
    );
  }
}
