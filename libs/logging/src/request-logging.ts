import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isQuietPath } from '@app/tracing';
import type pino from 'pino';
import { currentRequestId } from './logger-options';
import { routeTemplateOf } from './route-template';

const LOGGED = Symbol('requestLogged');
type Logged = FastifyRequest & { [LOGGED]?: boolean };

/**
 * 503 is the documented answer while a dependency is away (logged once per change of state
 * elsewhere): a warning per request, not an error.
 */
export function levelOf(statusCode: number): pino.Level {
  if (statusCode === 503) return 'warn';
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/** One compact line per request: no headers, no query string (it may carry tokens), the route template. */
export function requestLine(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const url = request.raw.url ?? '';
  const query = url.indexOf('?');
  return {
    reqId: request.id,
    req: { id: request.id, method: request.method, path: query === -1 ? url : url.slice(0, query) },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
    route: routeTemplateOf(request.raw),
  };
}

/**
 * The request log from Fastify's own hooks, not a Nest middleware: onRequest marks the request
 * (probes and scrapes excepted) and binds its id for the lines written while serving it;
 * onResponse writes the line; a response the client hung up on before it finished (a
 * streamed completion) is logged when its socket closes.
 *
 * The lines go through a child logger built once, without the root's redaction: every field
 * of a request line is built here from values that cannot hold a secret (no headers, no query
 * string), and walking the wildcard redaction paths was the request log's largest cost.
 */
export function addRequestLogging(fastify: FastifyInstance, root: pino.Logger): void {
  const logger = root.child({}, { redact: { paths: [] } });
  const write = (request: Logged, reply: FastifyReply): void => {
    if (request[LOGGED] !== false) return;
    request[LOGGED] = true;
    const level = levelOf(reply.statusCode);
    logger[level](requestLine(request, reply), reply.statusCode >= 500 ? 'request errored' : 'request completed');
  };
  fastify.addHook('onRequest', (request: Logged, reply, done) => {
    if (isQuietPath(request.raw.url)) {
      done();
      return;
    }
    request[LOGGED] = false;
    reply.raw.once('close', () => write(request, reply));
    currentRequestId.run(request.id, done);
  });
  fastify.addHook('onResponse', (request: Logged, reply, done) => {
    write(request, reply);
    done();
  });
}
