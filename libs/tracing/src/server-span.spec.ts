import type { Attributes, Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { nameServerSpan } from './server-span';

function recordingSpan(recording: boolean) {
  const state: { name?: string; attributes: Attributes } = { attributes: {} };
  const span = {
    isRecording: () => recording,
    updateName: (name: string) => (state.name = name),
    setAttributes: (attributes: Attributes) => Object.assign(state.attributes, attributes),
  } as unknown as Span;
  return { span, state };
}

const request = (url: string, route: string | undefined) =>
  ({
    method: 'GET',
    routeOptions: { url: route },
    raw: { url, httpVersion: '1.1' },
    protocol: 'http',
    ip: '127.0.0.1',
    headers: { 'user-agent': 'curl/8' },
  }) as unknown as FastifyRequest;

describe(nameServerSpan.name, () => {
  it('names a sampled span by method and route template, with the path but not the query string', () => {
    const { span, state } = recordingSpan(true);
    nameServerSpan(span, request('/api/v1/items/42?token=secret', '/api/v1/items/:id'));
    expect(state.name).toBe('GET /api/v1/items/:id');
    expect(state.attributes).toMatchObject({ 'url.path': '/api/v1/items/42', 'user_agent.original': 'curl/8' });
    expect(JSON.stringify(state.attributes)).not.toContain('secret');
  });

  it('names a request that matched no route by its method alone', () => {
    const { span, state } = recordingSpan(true);
    nameServerSpan(span, request('/no/such/path', undefined));
    expect(state.name).toBe('GET');
  });

  it('does no work for a span that is not sampled', () => {
    const { span, state } = recordingSpan(false);
    nameServerSpan(span, request('/info', '/info'));
    expect(state).toEqual({ attributes: {} });
  });
});
