import { BadRequestException, HttpException, ImATeapotException, NotFoundException } from '@nestjs/common';
import { describeHttpException } from './http-exception-problem';

describe('describeHttpException', () => {
  it.each([
    [400, 'bad-request', 'Bad Request'],
    [401, 'unauthorized', 'Unauthorized'],
    [403, 'forbidden', 'Forbidden'],
    [404, 'not-found', 'Not Found'],
    [405, 'method-not-allowed', 'Method Not Allowed'],
    [406, 'not-acceptable', 'Not Acceptable'],
    [409, 'conflict', 'Conflict'],
    [413, 'payload-too-large', 'Payload Too Large'],
    [415, 'unsupported-media-type', 'Unsupported Media Type'],
    [422, 'unprocessable-entity', 'Unprocessable Entity'],
    [429, 'rate-limited', 'Rate Limited'],
    [503, 'service-unavailable', 'Service Unavailable'],
  ])('names a %i %s, titled "%s"', (status, code, title) => {
    expect(describeHttpException(new HttpException('why', status))).toEqual({ status, code, title, detail: 'why' });
  });

  it('calls any other 4xx a client error and any other 5xx, 500 included, a server error', () => {
    expect(describeHttpException(new ImATeapotException())).toMatchObject({
      status: 418,
      code: 'client-error',
      title: 'Client Error',
    });
    expect(describeHttpException(new HttpException('x', 500))).toMatchObject({
      code: 'server-error',
      title: 'Server Error',
    });
    expect(describeHttpException(new HttpException('x', 499))).toMatchObject({ code: 'client-error' });
  });

  it("keeps the exception's own message as the detail", () => {
    expect(describeHttpException(new NotFoundException('Route GET /nope not found')).detail).toBe(
      'Route GET /nope not found',
    );
  });

  it('describes an exception thrown without a response body (null or undefined) by its message, without throwing', () => {
    for (const response of [null, undefined]) {
      const exception = new HttpException(response as unknown as string, 502);
      expect(describeHttpException(exception)).toEqual({
        status: 502,
        code: 'server-error',
        title: 'Server Error',
        detail: exception.message,
      });
    }
  });

  it("turns ValidationPipe's message list into one error per field, the field being the message's first word", () => {
    const problem = describeHttpException(
      new BadRequestException(['name must be a string', 'limit must not be greater than 100', 42, 'unexpected']),
    );
    expect(problem).toEqual({
      status: 400,
      code: 'validation-failed',
      title: 'Validation Failed',
      detail: 'The request is invalid; see errors for each rejected field.',
      errors: [
        { field: 'name', message: 'name must be a string' },
        { field: 'limit', message: 'limit must not be greater than 100' },
        // A message without a property path names no field rather than a wrong one.
        { field: '', message: 'unexpected' },
      ],
    });
  });

  it('carries no errors member for an exception without a message list', () => {
    expect(describeHttpException(new BadRequestException('cursor is not valid'))).not.toHaveProperty('errors');
  });
});
