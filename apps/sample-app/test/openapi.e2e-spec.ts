import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

interface Operation {
  summary?: string;
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { example?: Record<string, unknown> }> }>;
}

/** Every route sample-app serves, with the error statuses its document must list. */
const ROUTES: readonly [method: string, path: string, errors: readonly number[]][] = [
  ['get', '/', []],
  ['get', '/health', []],
  ['get', '/ready', [503]],
  ['get', '/info', []],
  ['get', '/.well-known/jwks.json', []],
  ['post', '/api/v1/auth/register', [400, 409, 429]],
  ['post', '/api/v1/auth/login', [400, 401, 429]],
  ['post', '/api/v1/auth/refresh', [400, 401, 429]],
  ['post', '/api/v1/auth/logout', [400, 429]],
  ['get', '/api/v1/auth/me', [401, 429]],
  ['post', '/api/v1/auth/api-keys', [400, 401, 429]],
  ['get', '/api/v1/auth/api-keys', [401, 429]],
  ['delete', '/api/v1/auth/api-keys/{id}', [400, 401, 404, 429]],
  ['get', '/api/v1/protected', [401, 429]],
  ['get', '/api/v1/admin/users', [400, 401, 403, 429]],
  ['patch', '/api/v1/admin/users/{id}/role', [400, 401, 403, 404, 409, 429]],
  ['get', '/api/v1/items', [400, 401, 403, 429]],
  ['post', '/api/v1/items', [400, 401, 403, 413, 429]],
  ['post', '/api/v1/items/{id}/summary', [400, 401, 403, 404, 429, 502, 503, 504]],
  ['get', '/api/v1/items/{id}', [400, 401, 403, 404, 429]],
  ['patch', '/api/v1/items/{id}', [400, 401, 403, 404, 429]],
  ['delete', '/api/v1/items/{id}', [400, 401, 403, 404, 429]],
  ['get', '/api/v1/cache', [401, 403, 429]],
  ['put', '/api/v1/cache/{key}', [400, 401, 403, 413, 429]],
  ['get', '/api/v1/cache/{key}', [400, 401, 403, 404, 429]],
  ['delete', '/api/v1/cache/{key}', [400, 401, 403, 404, 429]],
];

describe('sample-app OpenAPI document', () => {
  let running: RunningApp;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    running = await startSampleApp();
    paths = (await request(running.baseUrl).get('/docs-json').expect(200)).body.paths;
  });

  afterAll(async () => {
    await running.close();
  });

  it('documents exactly the routes the app serves, no more and no fewer', () => {
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    const fastify = running.app.getHttpAdapter().getInstance();
    for (const [method, path] of ROUTES) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      expect({ route: `${method} ${path}`, served: fastify.hasRoute({ method: method.toUpperCase(), url }) }).toEqual({
        route: `${method} ${path}`,
        served: true,
      });
    }
  });

  it.each(ROUTES)('%s %s has a summary, a success response and its problem+json errors', (method, path, errors) => {
    const operation = paths[path]?.[method];
    expect(operation?.summary).toEqual(expect.any(String));
    const statuses = Object.keys(operation?.responses ?? {}).map(Number);
    expect(statuses.some((status) => status >= 200 && status < 300)).toBe(true);
    for (const status of errors) {
      expect({ status, content: Object.keys(operation?.responses[String(status)]?.content ?? {}) }).toEqual({
        status,
        content: ['application/problem+json'],
      });
    }
  });

  it.each(ROUTES.filter(([, , errors]) => errors.length > 0))(
    '%s %s shows each error example with its own status and code',
    (method, path, errors) => {
      for (const status of errors) {
        const example =
          paths[path]?.[method]?.responses[String(status)]?.content?.['application/problem+json']?.example;
        expect({ status, exampleStatus: example?.status, type: example?.type }).toEqual({
          status,
          exampleStatus: status,
          type: `https://problems.nest-k8s-observability.dev/${String(example?.code)}`,
        });
      }
    },
  );

  it('shows the 401 and 404 problems the app really answers with', async () => {
    const examples = paths['/api/v1/items/{id}']?.get?.responses;
    const unauthenticated = await request(running.baseUrl).get('/api/v1/items/0190a0a0-0000-7000-8000-000000000000');
    expect(unauthenticated.status).toBe(401);
    const example401 = examples?.['401']?.content?.['application/problem+json']?.example;
    expect({ code: unauthenticated.body.code, title: unauthenticated.body.title }).toEqual({
      code: example401?.code,
      title: example401?.title,
    });
    const missing = await request(running.baseUrl).get('/no-such-route');
    expect(missing.status).toBe(404);
    const example404 = examples?.['404']?.content?.['application/problem+json']?.example;
    expect({ code: missing.body.code, title: missing.body.title }).toEqual({
      code: example404?.code,
      title: example404?.title,
    });
  });

  it('declares both credential schemes on every route that answers 401 for missing credentials', () => {
    // Login and refresh answer 401 for wrong credentials but are public themselves.
    const publicRoutes = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh']);
    const guarded = ROUTES.filter(([, path, errors]) => errors.includes(401) && !publicRoutes.has(path));
    for (const [method, path] of guarded) {
      const schemes = (paths[path]?.[method]?.security ?? []).flatMap((requirement) => Object.keys(requirement));
      expect({ route: `${method} ${path}`, schemes: schemes.sort() }).toEqual({
        route: `${method} ${path}`,
        schemes: ['api-key', 'bearer'],
      });
    }
  });

  it('describes a request body for every POST, PUT and PATCH that takes one', () => {
    // The item is the whole input of a summary.
    const withoutBody = new Set(['/api/v1/items/{id}/summary']);
    const writes = ROUTES.filter(([m, path]) => ['post', 'put', 'patch'].includes(m) && !withoutBody.has(path));
    for (const [method, path] of writes) {
      expect({
        route: `${method} ${path}`,
        body: Object.keys(paths[path]?.[method]?.requestBody?.content ?? {}),
      }).toEqual({
        route: `${method} ${path}`,
        body: ['application/json'],
      });
    }
  });
});
