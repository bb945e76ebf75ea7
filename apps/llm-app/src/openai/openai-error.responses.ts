import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const OPENAI_ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        type: { type: 'string', example: 'invalid_request_error' },
        param: { type: 'string', nullable: true },
        code: { type: 'string', nullable: true },
      },
    },
  },
};

/** One error response in OpenAI's shape, for a route whose errors differ from the common set. */
export const openAiError = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({ status, description, content: { 'application/json': { schema: OPENAI_ERROR_SCHEMA } } });

/** The error responses every relayed /v1 endpoint documents, in OpenAI's shape. */
export const openAiErrorResponses = (): MethodDecorator =>
  applyDecorators(
    openAiError(400, 'Invalid request (OpenAI error shape, naming the param)'),
    openAiError(401, 'Missing or invalid credentials'),
    openAiError(404, 'Unknown model'),
    openAiError(429, 'Rate limit, token budget or upstream rate limit (Retry-After says when to retry)'),
    openAiError(502, 'The upstream provider failed'),
    openAiError(503, 'The upstream provider is unavailable (circuit open)'),
    openAiError(504, 'The upstream provider timed out'),
  );
