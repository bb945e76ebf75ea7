import { type ArgumentsHost, Catch } from '@nestjs/common';
import { ProblemDetailsFilter } from '@app/common';
import type { FastifyRequest } from 'fastify';
import { OpenAiErrorFilter } from './openai-error.filter';

/** Path prefix of the OpenAI-compatible API, whose clients expect OpenAI's error shape. */
const OPENAI_PREFIX = '/v1/';

/**
 * llm-app's one exception filter: OpenAI's error shape on the OpenAI-compatible
 * routes, including errors raised before a route runs (malformed JSON, body
 * too large), and problem+json everywhere else.
 */
@Catch()
export class GatewayErrorFilter extends ProblemDetailsFilter {
  private readonly openAi = new OpenAiErrorFilter();

  override catch(exception: unknown, host: ArgumentsHost): void {
    const url = host.getType() === 'http' ? host.switchToHttp().getRequest<FastifyRequest>().url : '';
    if (url.startsWith(OPENAI_PREFIX)) this.openAi.catch(exception, host);
    else super.catch(exception, host);
  }
}
