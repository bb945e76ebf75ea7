import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';

/**
 * Fastify's router rejects some requests before Nest sees them (a malformed
 * URL, a path parameter longer than maxParamLength). Its default body echoes
 * the raw URL; this answers the same problem+json as every other error.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  void reply
    .status(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType(tooLong ? 'uri-too-long' : 'bad-url'),
      title: tooLong ? 'URI Too Long' : 'Bad URL',
      status,
      detail: tooLong ? 'A path segment is longer than this API accepts.' : 'The URL could not be decoded.',
      code: tooLong ? 'uri-too-long' : 'bad-url',
      instance: '/',
      requestId: String(request.id),
      // Refused before routing: the API (and so the error shape) is not known yet, so the
      // body carries OpenAI's error member too, for clients of llm-app's /v1.
      error: {
        message: tooLong ? 'A path segment is longer than this API accepts.' : 'The URL could not be decoded.',
        type: 'invalid_request_error',
        code: tooLong ? 'uri_too_long' : 'bad_url',
        param: null,
      },
    });
}
