import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { levelOf, addRequestLogging } from './request-logging';
import { setRouteTemplate } from './route-template';

async function appLoggingTo(lines: Record<string, unknown>[]): Promise<FastifyInstance> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const fastify = Fastify();
  fastify.addHook('onRequest', (request, _reply, done) => {
    setRouteTemplate(request.raw, request.routeOptions.url);
    done();
  });
  addRequestLogging(fastify, pino({ messageKey: 'msg' }, sink));
  fastify.get('/items/:id', () => ({ ok: true }));
  fastify.get('/health', () => ({ ok: true }));
  fastify.get('/broken', (_request, reply) => reply.code(500).send({}));
  await fastify.ready();
  return fastify;
}

describe(addRequestLogging.name, () => {
  it('writes one line per request with the route template, status and time, and no query string', async () => {
    const lines: Record<string, unknown>[] = [];
    const fastify = await appLoggingTo(lines);
    await fastify.inject({ url: '/items/42?token=secret', headers: { authorization: 'Bearer secret' } });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        reqId: expect.any(String),
        req: { id: expect.any(String), method: 'GET', path: '/items/42' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        route: '/items/:id',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('says a 5xx errored, at level error', async () => {
    const lines: Record<string, unknown>[] = [];
    const fastify = await appLoggingTo(lines);
    await fastify.inject({ url: '/broken' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 500 } })]);
  });

  it('logs an unmatched path under the unmatched route, and skips probes and scrapes', async () => {
    const lines: Record<string, unknown>[] = [];
    const fastify = await appLoggingTo(lines);
    await fastify.inject({ url: '/health' });
    await fastify.inject({ url: '/no/such/path' });
    expect(lines).toEqual([expect.objectContaining({ level: 40, route: '(unmatched)', res: { statusCode: 404 } })]);
  });
});

describe(levelOf.name, () => {
  it('is info below 400, warn for 4xx and 503, error for other 5xx', () => {
    expect([200, 302, 404, 429, 503, 500, 502].map(levelOf)).toEqual([
      'info',
      'info',
      'warn',
      'warn',
      'warn',
      'error',
      'error',
    ]);
  });
});
