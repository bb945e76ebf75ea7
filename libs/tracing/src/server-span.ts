import type { Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';

/**
 * @fastify/otel's request span, named and described as an HTTP server span ("GET /api/v1/items/:id",
 * url.path without the query string, which may carry tokens). Only for a sampled span: a span
 * no backend will see gets no attribute work.
 */
export function nameServerSpan(span: Span, request: FastifyRequest): void {
  if (!span.isRecording()) return;
  const route = request.routeOptions.url;
  const url = request.raw.url ?? '';
  const query = url.indexOf('?');
  span.updateName(route === undefined ? request.method : `${request.method} ${route}`);
  span.setAttributes({
    'url.path': query === -1 ? url : url.slice(0, query),
    'url.scheme': request.protocol,
    'network.protocol.version': request.raw.httpVersion,
    'client.address': request.ip,
    ...(request.headers['user-agent'] === undefined ? {} : { 'user_agent.original': request.headers['user-agent'] }),
  });
}
