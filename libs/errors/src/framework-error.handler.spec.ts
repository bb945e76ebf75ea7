import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { frameworkErrorHandler } from './framework-error.handler';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';

function answer(code: string): { status?: number; headers: Record<string, string>; body?: unknown } {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    status(status: number) {
      sent.status = status;
      return this;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const error = Object.assign(new Error('/api/v1/%zz is malformed'), { code }) as FastifyError;
  frameworkErrorHandler(error, { id: 'req-7' } as FastifyRequest, reply as unknown as FastifyReply);
  return sent;
}

describe('frameworkErrorHandler', () => {
  it('answers a path segment over the router limit with 414 problem+json and the OpenAI error member', () => {
    expect(answer('FST_ERR_MAX_PARAM_LENGTH')).toEqual({
      status: 414,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      body: {
        type: problemType('uri-too-long'),
        title: 'URI Too Long',
        status: 414,
        detail: 'A path segment is longer than this API accepts.',
        code: 'uri-too-long',
        instance: '/',
        requestId: 'req-7',
        error: {
          message: 'A path segment is longer than this API accepts.',
          type: 'invalid_request_error',
          code: 'uri_too_long',
          param: null,
        },
      },
    });
  });

  it('answers any other router refusal (an undecodable URL) with 400, without echoing the URL', () => {
    const sent = answer('FST_ERR_BAD_URL');
    expect(sent).toEqual({
      status: 400,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      body: {
        type: problemType('bad-url'),
        title: 'Bad URL',
        status: 400,
        detail: 'The URL could not be decoded.',
        code: 'bad-url',
        instance: '/',
        requestId: 'req-7',
        error: {
          message: 'The URL could not be decoded.',
          type: 'invalid_request_error',
          code: 'bad_url',
          param: null,
        },
      },
    });
    expect(JSON.stringify(sent.body)).not.toContain('%zz');
  });
});
