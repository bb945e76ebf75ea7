import { type ArgumentsHost, Catch, type HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, ProblemDetailsFilter } from '@app/errors';
import type { FastifyRequest } from 'fastify';
import { OpenAiErrorFilter } from './openai-error.filter';
import { LlmMetrics } from '../telemetry/llm-metrics';
import { OpenAiError } from './openai.errors';

/** Path prefix of the OpenAI-compatible API, whose clients expect OpenAI's error shape. */
const OPENAI_PREFIX = '/v1/';

/**
 * llm-app's one exception filter: OpenAI's error shape on the OpenAI-compatible
 * routes, including errors raised before a route runs (malformed JSON, body
 * too large), and problem+json everywhere else. Being the one place every
 * refusal passes, it also counts the requests the rate limit turned away
 * (the token budget counts its own).
 */
@Catch()
export class GatewayErrorFilter extends ProblemDetailsFilter {
  private readonly openAi = new OpenAiErrorFilter();

  constructor(private readonly metrics: LlmMetrics) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof ThrottlerException) this.metrics.rateLimitRejected('requests');
    const url = host.getType() === 'http' ? host.switchToHttp().getRequest<FastifyRequest>().url : '';
    if (url.startsWith(OPENAI_PREFIX)) return this.openAi.catch(exception, host);
    if (!(exception instanceof OpenAiError)) return super.catch(exception, host);
    // The gateway's own errors (unknown model, budget spent, upstream down) on the other routes.
    super.catch(new GatewayProblem(exception), host);
  }
}

class GatewayProblem extends DomainError {
  readonly code: string;
  readonly status: HttpStatus;
  readonly title: string;
  override readonly headers: Readonly<Record<string, string>>;

  constructor(error: OpenAiError) {
    super(error.message);
    this.code = (error.code ?? error.type).replace(/_/g, '-');
    this.status = error.status;
    this.title = error.type.replace(/_/g, ' ');
    this.headers = {
      ...error.headers,
      ...(error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) }),
    };
  }
}
