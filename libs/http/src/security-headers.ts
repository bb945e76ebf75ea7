import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** The Swagger UI at /docs needs its inline scripts and styles. */
const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
};

/**
 * helmet's response headers on every route, with the middleware built once.
 * @fastify/helmet builds a new helmet middleware, parsing the CSP directives,
 * on every request (to allow per-route options these apps do not use): about
 * 9 % of a simple request's CPU in a profile taken with `npm run bench`.
 *
 * `upgrade-insecure-requests` only over TLS (decision 0070): on a page served
 * over plain HTTP it makes the browser fetch the Swagger UI's own CSS and JS
 * over https://, which fails, leaving a blank page on any host but localhost.
 * Behind a TLS-terminating proxy the request counts as TLS when HTTP_TRUST_PROXY
 * trusts its X-Forwarded-Proto.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const overTls = helmet({ contentSecurityPolicy: { directives } });
  const overPlainHttp = helmet({
    contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const setHeaders = request.protocol === 'https' ? overTls : overPlainHttp;
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
