import { type ArgumentsHost, BadRequestException, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from './domain.error';
import { ProblemDetailsFilter } from './problem-details.filter';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';
import { ValidationFailedError } from './validation-failed.error';

interface CapturedReply {
  status?: number;
  headers: Record<string, string>;
  body?: ProblemDetails;
}

function hostFor(url: string, { type = 'http', sent = false } = {}): { host: ArgumentsHost; reply: CapturedReply } {
  const reply: CapturedReply = { headers: {} };
  const fastifyReply = {
    sent,
    status(code: number) {
      reply.status = code;
      return this;
    },
    header(name: string, value: string) {
      reply.headers[name] = value;
      return this;
    },
    headers(values: Record<string, string>) {
      Object.assign(reply.headers, values);
      return this;
    },
    send(body: ProblemDetails) {
      reply.body = body;
      return this;
    },
  };
  const host = {
    getType: () => type,
    switchToHttp: () => ({ getRequest: () => ({ url, id: 'req-1' }), getResponse: () => fastifyReply }),
  } as unknown as ArgumentsHost;
  return { host, reply };
}

describe(ProblemDetailsFilter.name, () => {
  const filter = new ProblemDetailsFilter();

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('catch', () => {
    it('maps a domain error to its status, code and detail as problem+json', () => {
      const { host, reply } = hostFor('/api/v1/items/42?x=1');
      filter.catch(new NotFoundError('Item 42 does not exist.'), host);
      expect(reply.status).toBe(404);
      expect(reply.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
      expect(reply.body).toEqual({
        type: expect.stringMatching(/\/not-found$/),
        title: 'Not Found',
        status: 404,
        detail: 'Item 42 does not exist.',
        code: 'not-found',
        instance: '/api/v1/items/42',
        requestId: 'req-1',
      });
    });

    it('keeps a domain error extension but never lets it overwrite the standard members', () => {
      const { host, reply } = hostFor('/x');
      filter.catch(new ConflictError('Taken.', { status: 200, field: 'email' }), host);
      expect(reply.body).toMatchObject({ status: 409, field: 'email', code: 'conflict' });
    });

    it("sends the headers a domain error carries, such as a 429's Retry-After", () => {
      class TooSoonError extends DomainError {
        readonly code = 'too-soon';
        readonly status = HttpStatus.TOO_MANY_REQUESTS;
        readonly title = 'Too Soon';
        override readonly headers = { 'retry-after': '7' };
      }
      const { host, reply } = hostFor('/x');
      filter.catch(new TooSoonError('Wait.'), host);
      expect(reply.status).toBe(429);
      expect(reply.headers).toMatchObject({ 'retry-after': '7', 'content-type': PROBLEM_CONTENT_TYPE });
    });

    it('lists each rejected field for a validation failure', () => {
      const { host, reply } = hostFor('/x');
      filter.catch(new ValidationFailedError([{ field: 'name', message: 'name must be a string' }]), host);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        code: 'validation-failed',
        title: 'Validation Failed',
        detail: 'The request is invalid; see errors for each rejected field.',
        errors: [{ field: 'name', message: 'name must be a string' }],
      });
    });

    it('keeps the status and message of an HttpException', () => {
      const { host, reply } = hostFor('/x');
      filter.catch(new BadRequestException('cursor is not valid'), host);
      expect(reply.body).toMatchObject({ status: 400, code: 'bad-request', detail: 'cursor is not valid' });
    });

    it('answers an unknown error with a generic 500 that leaks nothing, and logs the error', () => {
      const { host, reply } = hostFor('/x');
      const secret = new Error('relation "users" does not exist at /srv/app/db.ts:12');
      filter.catch(secret, host);
      expect(reply.status).toBe(HttpStatus.INTERNAL_SERVER_ERROR);
      expect(JSON.stringify(reply.body)).not.toContain('users');
      expect(JSON.stringify(reply.body)).not.toContain('/srv');
      expect(reply.body).toMatchObject({ code: 'internal-error', requestId: 'req-1' });
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.objectContaining({ err: secret, requestId: 'req-1' }),
        expect.any(String),
      );
    });

    it('answers an unknown error with exactly the generic 500 problem: its type, title, detail pointing at the request id, and no more', () => {
      const { host, reply } = hostFor('/orders/7?expand=all');
      filter.catch(new TypeError("Cannot read properties of undefined (reading 'id')"), host);
      expect(reply.body).toEqual({
        type: problemType('internal-error'),
        title: 'Internal Server Error',
        status: 500,
        detail: expect.stringMatching(/request id/),
        code: 'internal-error',
        instance: '/orders/7',
        requestId: 'req-1',
      });
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
    ])('answers %s thrown with the generic 500, logged as an unhandled error', (_what, thrown) => {
      const { host, reply } = hostFor('/x');
      filter.catch(thrown, host);
      expect(reply.status).toBe(500);
      expect(reply.body).toMatchObject({ code: 'internal-error', requestId: 'req-1' });
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.objectContaining({ requestId: 'req-1' }),
        'unhandled error while serving a request',
      );
    });

    it('logs an HttpException of exactly 500 as unexpected, with its request id', () => {
      const broken = new HttpException('handler gave up', HttpStatus.INTERNAL_SERVER_ERROR);
      filter.catch(broken, hostFor('/x').host);
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.objectContaining({ err: broken, requestId: 'req-1' }),
        expect.any(String),
      );
    });

    it('warns about an unavailable dependency only when one is: a 404, a 400, a 500 or an unknown error warn nothing', () => {
      const fresh = new ProblemDetailsFilter();
      for (const error of [
        new NotFoundError('gone'),
        new BadRequestException('no'),
        new HttpException('broke', HttpStatus.INTERNAL_SERVER_ERROR),
        new Error('bug'),
      ])
        fresh.catch(error, hostFor('/x').host);
      expect(Logger.prototype.warn).not.toHaveBeenCalled();
    });

    it('rethrows what it catches outside HTTP (a message handler has no reply to write)', () => {
      const { host, reply } = hostFor('/x', { type: 'rpc' });
      const error = new NotFoundError('gone');
      expect(() => filter.catch(error, host)).toThrow(error);
      expect(reply.status).toBeUndefined();
    });

    it('writes nothing to a reply already sent', () => {
      const { host, reply } = hostFor('/x', { sent: true });
      filter.catch(new NotFoundError('gone'), host);
      expect(reply).toEqual({ headers: {} });
    });

    it('logs a 5xx HttpException with its request id, and not a 4xx one', () => {
      filter.catch(new BadRequestException('no'), hostFor('/x').host);
      expect(Logger.prototype.error).not.toHaveBeenCalled();
      const broken = new HttpException('upstream broke', HttpStatus.BAD_GATEWAY);
      const { host, reply } = hostFor('/x');
      filter.catch(broken, host);
      expect(reply.body).toMatchObject({ status: 502, code: 'server-error' });
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.objectContaining({ err: broken, requestId: 'req-1' }),
        expect.any(String),
      );
    });

    it('answers an unavailable database with 503 and Retry-After, warning once per 10 s rather than per request', () => {
      jest.useFakeTimers();
      try {
        const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        const fresh = new ProblemDetailsFilter();
        const { host, reply } = hostFor('/x');
        fresh.catch(refused, host);
        expect(reply.status).toBe(503);
        expect(reply.headers['retry-after']).toBeDefined();
        expect(reply.body).toMatchObject({ code: 'dependency-unavailable' });
        fresh.catch(refused, hostFor('/x').host);
        jest.advanceTimersByTime(9_999);
        fresh.catch(refused, hostFor('/x').host);
        expect(Logger.prototype.warn).toHaveBeenCalledTimes(1);
        expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'));
        jest.advanceTimersByTime(1);
        fresh.catch(refused, hostFor('/x').host);
        expect(Logger.prototype.warn).toHaveBeenCalledTimes(2);
        expect(Logger.prototype.error).not.toHaveBeenCalled();
      } finally {
        jest.useRealTimers();
      }
    });

    it("turns Fastify's own client errors (bad JSON, body too large) into their 4xx", () => {
      const { host, reply } = hostFor('/x');
      const tooLarge = Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
      filter.catch(tooLarge, host);
      expect(reply.body).toMatchObject({ status: 413, code: 'payload-too-large' });
    });

    it.each([
      ['400', 400, 'FST_ERR_CTP_INVALID_JSON'],
      ['499', 499, 'FST_ERR_X'],
    ])("answers Fastify's own client error %s with that status and its message", (_what, statusCode, code) => {
      const { host, reply } = hostFor('/x');
      filter.catch(Object.assign(new Error('said by Fastify'), { statusCode, code }), host);
      expect(reply.status).toBe(statusCode);
      expect(reply.body?.detail).toBe('said by Fastify');
    });

    it.each([
      ['a Fastify 500', 500, 'FST_ERR_X'],
      ['a Fastify 399', 399, 'FST_ERR_X'],
      ['a 4xx not coded by Fastify', 413, 'ERR_BODY'],
    ])('answers %s, not a Fastify client error, with the generic 500', (_what, statusCode, code) => {
      const { host, reply } = hostFor('/x');
      filter.catch(Object.assign(new Error('said by Fastify'), { statusCode, code }), host);
      expect(reply.status).toBe(500);
      expect(reply.body?.detail).not.toContain('Fastify');
    });

    it('answers something thrown that is not an Error (a string) with the generic 500', () => {
      const { host, reply } = hostFor('/x');
      filter.catch('a thrown string', host);
      expect(reply.body).toMatchObject({ status: 500, code: 'internal-error' });
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.objectContaining({ message: 'a thrown string' }) }),
        expect.any(String),
      );
    });
  });
});
