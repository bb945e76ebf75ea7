import request from 'supertest';
import { type TestAccount, bearer, signUp } from '../../../test/support/accounts';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app cache endpoints', () => {
  let running: RunningApp;
  let user: TestAccount;
  const api = () => request(running.baseUrl);

  beforeAll(async () => {
    running = await startSampleApp();
    user = await signUp(running.baseUrl, 'cache');
  });

  afterAll(async () => {
    await running.close();
  });

  it("keeps each user's keys apart: another user reading, overwriting or deleting the same key touches only their own", async () => {
    // GIVEN a value the first user stored under a key
    const other = await signUp(running.baseUrl, 'cache-other');
    await api()
      .put('/api/v1/cache/shared-name')
      .set(...bearer(user.accessToken))
      .send({ value: 'mine', ttlSeconds: 60 })
      .expect(204);
    // WHEN another user reads and deletes that key, then writes their own value under it
    await api()
      .get('/api/v1/cache/shared-name')
      .set(...bearer(other.accessToken))
      .expect(404);
    await api()
      .delete('/api/v1/cache/shared-name')
      .set(...bearer(other.accessToken))
      .expect(404);
    await api()
      .put('/api/v1/cache/shared-name')
      .set(...bearer(other.accessToken))
      .send({ value: 'theirs', ttlSeconds: 60 })
      .expect(204);
    // THEN each user reads their own value
    const mine = await api()
      .get('/api/v1/cache/shared-name')
      .set(...bearer(user.accessToken))
      .expect(200);
    const theirs = await api()
      .get('/api/v1/cache/shared-name')
      .set(...bearer(other.accessToken))
      .expect(200);
    expect([mine.body.value, theirs.body.value]).toEqual(['mine', 'theirs']);
  });

  it('stores, reads and deletes a value; a deleted key answers 404', async () => {
    await api()
      .put('/api/v1/cache/greeting')
      .set(...bearer(user.accessToken))
      .send({ value: 'hello', ttlSeconds: 60 })
      .expect(204);
    const read = await api()
      .get('/api/v1/cache/greeting')
      .set(...bearer(user.accessToken))
      .expect(200);
    expect(read.body).toEqual({ key: 'greeting', value: 'hello' });
    await api()
      .delete('/api/v1/cache/greeting')
      .set(...bearer(user.accessToken))
      .expect(204);
    const gone = await api()
      .get('/api/v1/cache/greeting')
      .set(...bearer(user.accessToken));
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not-found');
  });

  it('reports the backend in use with hit and miss counts', async () => {
    await api()
      .get('/api/v1/cache/never-set')
      .set(...bearer(user.accessToken))
      .expect(404);
    const stats = await api()
      .get('/api/v1/cache')
      .set(...bearer(user.accessToken))
      .expect(200);
    expect(stats.body).toEqual({
      backend: running.config.cache.redisUrl === undefined ? 'memory' : 'redis',
      hits: expect.any(Number),
      misses: expect.any(Number),
      keys: expect.any(Number),
    });
    expect(stats.body.misses).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a key with characters outside the allowed set', '/api/v1/cache/bad%20key', { value: 'v', ttlSeconds: 5 }, 'key'],
    ['a key longer than 128 characters', `/api/v1/cache/${'k'.repeat(129)}`, { value: 'v', ttlSeconds: 5 }, 'key'],
    ['a value over 16 KiB', '/api/v1/cache/big', { value: 'v'.repeat(16_385), ttlSeconds: 5 }, 'value'],
    ['a TTL of zero', '/api/v1/cache/ttl', { value: 'v', ttlSeconds: 0 }, 'ttlSeconds'],
    ['a TTL over a day', '/api/v1/cache/ttl', { value: 'v', ttlSeconds: 86_401 }, 'ttlSeconds'],
    ['a value that is not a string', '/api/v1/cache/typed', { value: 42, ttlSeconds: 5 }, 'value'],
  ])('refuses %s with 400 naming the field', async (_name, path, body, field) => {
    const response = await api()
      .put(path)
      .set(...bearer(user.accessToken))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers a key too long for the router with 414 problem+json that does not echo it', async () => {
    const response = await api()
      .get(`/api/v1/cache/${'k'.repeat(300)}`)
      .set(...bearer(user.accessToken));
    expect(response.status).toBe(414);
    expect(response.body).toMatchObject({ code: 'uri-too-long', status: 414 });
    expect(response.text).not.toContain('kkkk');
  });

  it('needs authentication', async () => {
    await api().get('/api/v1/cache').expect(401);
  });
});
