import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { type TestAccount, bearer, signUp } from '../../../test/support/accounts';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';
import { UserEntity } from '../src/users/user.entity';

const nested = (depth: number): string => `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('sample-app refusing hostile input', () => {
  let running: RunningApp;
  let base: string;
  let user: TestAccount;

  beforeAll(async () => {
    running = await startSampleApp({
      env: { HTTP_JSON_MAX_DEPTH: '32', HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' },
    });
    base = running.baseUrl;
    user = await signUp(base, 'hostile');
  });

  afterAll(async () => {
    await running.close();
  });

  const postItem = (body: string, token = user.accessToken) =>
    request(base)
      .post('/api/v1/items')
      .set(...bearer(token))
      .set('content-type', 'application/json')
      .send(body);

  describe('deeply nested JSON', () => {
    it('answers 400 json-too-deep naming the configured limit for 2,000 levels', async () => {
      const response = await postItem(nested(2_000));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'json-too-deep', maxDepth: 32 });
      expect(response.body.detail).toContain('32 levels');
    });

    it('answers 400 for 100,000 levels too, and keeps serving', async () => {
      expect((await postItem(nested(100_000))).status).toBe(400);
      await request(base).get('/health').expect(200);
    });

    it('lets a body within the limit reach validation (which names the field)', async () => {
      const response = await postItem(nested(10));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation-failed');
    });
  });

  describe('strings no field can store', () => {
    it('answers 400 naming the field for a NUL character in an item name', async () => {
      const response = await postItem(JSON.stringify({ name: 'tele\u0000scope' }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('NUL') }]);
    });

    it('answers 400 naming the field for a lone surrogate in an email', async () => {
      const response = await request(base)
        .post('/api/v1/auth/register')
        .set('content-type', 'application/json')
        .send('{"email":"ada\\ud800@example.com","password":"correct horse battery staple"}');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('surrogate') }]);
    });
  });

  describe('null where a string is optional', () => {
    it('answers 400 naming description for "description": null (was a 500 NOT NULL violation)', async () => {
      const response = await postItem(JSON.stringify({ name: 'lens', description: null }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual({ field: 'description', message: 'description must be a string' });
    });
  });

  describe('API keys managing keys', () => {
    it('answers 403 when a key with items:read asks for a new key, and creates none', async () => {
      const created = await request(base)
        .post('/api/v1/auth/api-keys')
        .set(...bearer(user.accessToken))
        .send({ name: 'reader', scopes: ['items:read'] })
        .expect(201);
      const key = created.body.key as string;
      const minted = await request(base)
        .post('/api/v1/auth/api-keys')
        .set('x-api-key', key)
        .send({ name: 'escalated', scopes: ['items:write', 'cache:write', 'llm:invoke'] });
      expect(minted.status).toBe(403);
      expect(minted.body.code).toBe('forbidden');
      const listed = await request(base)
        .get('/api/v1/auth/api-keys')
        .set(...bearer(user.accessToken))
        .expect(200);
      expect((listed.body as { name: string }[]).map((entry) => entry.name)).not.toContain('escalated');
    });

    it('answers 403 when a key tries to list or revoke keys', async () => {
      const { key, id } = (
        await request(base)
          .post('/api/v1/auth/api-keys')
          .set(...bearer(user.accessToken))
          .send({ name: 'all', scopes: ['items:read', 'items:write'] })
          .expect(201)
      ).body as { key: string; id: string };
      await request(base).get('/api/v1/auth/api-keys').set('x-api-key', key).expect(403);
      await request(base).delete(`/api/v1/auth/api-keys/${id}`).set('x-api-key', key).expect(403);
    });
  });

  describe("a deleted user's still-valid access token", () => {
    it('answers 401 on POST /api/v1/items and POST /api/v1/auth/api-keys', async () => {
      const doomed = await signUp(base, 'deleted');
      await running.app.get(DataSource).getRepository(UserEntity).delete({ id: doomed.userId });
      const item = await postItem(JSON.stringify({ name: 'orphan' }), doomed.accessToken);
      expect(item.status).toBe(401);
      expect(item.body.code).toBe('unauthenticated');
      const key = await request(base)
        .post('/api/v1/auth/api-keys')
        .set(...bearer(doomed.accessToken))
        .send({ name: 'orphan', scopes: ['items:read'] });
      expect(key.status).toBe(401);
      expect(key.body.code).toBe('unauthenticated');
    });
  });

  describe('slow clients', () => {
    const closedAfterMs = (send: (write: (chunk: string) => void) => void): Promise<number> =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const socket = connect(Number(new URL(base).port), '127.0.0.1', () => send((chunk) => socket.write(chunk)));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - started));
        socket.resume(); // read the 408, so the close that follows is seen
        setTimeout(() => {
          socket.destroy();
          reject(new Error('the server kept a slow client open for 10 s'));
        }, 10_000).unref();
      });

    it('closes a connection that never finishes its headers', async () => {
      await expect(closedAfterMs((write) => write('GET /health HTTP/1.1\r\nHost: x\r\n'))).resolves.toBeLessThan(
        10_000,
      );
    });

    it('closes a connection that never finishes its body', async () => {
      const head = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
      await expect(closedAfterMs((write) => write(`${head}Content-Length: 1000\r\n\r\n{`))).resolves.toBeLessThan(
        10_000,
      );
    });
  });
});
