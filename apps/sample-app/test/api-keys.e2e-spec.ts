import request from 'supertest';
import { type TestAccount, bearer, signUp } from '../../../test/support/accounts';
import { waitFor } from '../../../test/support/process-harness';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app API keys', () => {
  let running: RunningApp;
  let base: string;
  let owner: TestAccount;

  const createKey = (body: object, token = owner.accessToken) =>
    request(base)
      .post('/api/v1/auth/api-keys')
      .set(...bearer(token))
      .send(body);

  beforeAll(async () => {
    running = await startSampleApp();
    base = running.baseUrl;
    owner = await signUp(base, 'keys');
  });

  afterAll(async () => {
    await running.close();
  });

  describe('POST /api/v1/auth/api-keys', () => {
    it('returns the key once, with its visible prefix; listing never shows it again', async () => {
      const created = await createKey({ name: 'ci', scopes: ['items:read'] }).expect(201);
      expect(created.body.key).toMatch(/^nko_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      expect((created.body.key as string).startsWith(created.body.prefix as string)).toBe(true);
      const listed = await request(base)
        .get('/api/v1/auth/api-keys')
        .set(...bearer(owner.accessToken))
        .expect(200);
      const entry = (listed.body as { id: string }[]).find((key) => key.id === created.body.id);
      expect(entry).toMatchObject({ name: 'ci', prefix: created.body.prefix, scopes: ['items:read'] });
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    });

    it('refuses unknown scopes, no scopes and an expiry in the past', async () => {
      expect((await createKey({ name: 'x', scopes: ['root'] })).status).toBe(400);
      expect((await createKey({ name: 'x', scopes: [] })).status).toBe(400);
      const past = await createKey({ name: 'x', scopes: ['items:read'], expiresAt: '2001-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.code).toBe('expiry-in-past');
    });
  });

  describe('authenticating with a key', () => {
    it('works as X-API-Key and as a Bearer credential, acting as its owner', async () => {
      const { key } = (await createKey({ name: 'both', scopes: ['items:read'] }).expect(201)).body as { key: string };
      const viaHeader = await request(base).get('/api/v1/auth/me').set('x-api-key', key).expect(200);
      const viaBearer = await request(base)
        .get('/api/v1/auth/me')
        .set(...bearer(key))
        .expect(200);
      for (const response of [viaHeader, viaBearer]) {
        expect(response.body).toMatchObject({ id: owner.userId, authenticatedWith: 'api-key', scopes: ['items:read'] });
      }
    });

    it('records when the key was last used, at most once a minute', async () => {
      const created = (await createKey({ name: 'used', scopes: ['items:read'] }).expect(201)).body as {
        id: string;
        key: string;
      };
      const lastUsed = async () => {
        const listed = await request(base)
          .get('/api/v1/auth/api-keys')
          .set(...bearer(owner.accessToken))
          .expect(200);
        return (listed.body as { id: string; lastUsedAt: string | null }[]).find((key) => key.id === created.id)
          ?.lastUsedAt;
      };
      expect(await lastUsed()).toBeNull();
      const before = Date.now();
      await request(base).get('/api/v1/items').set('x-api-key', created.key).expect(200);
      const first = await lastUsed();
      expect(Date.parse(first ?? '')).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(first ?? '')).toBeLessThanOrEqual(Date.now());
      // Used again within the minute: the recorded time stays.
      await request(base).get('/api/v1/items').set('x-api-key', created.key).expect(200);
      expect(await lastUsed()).toBe(first);
    });

    it('is limited to its scopes: a read-only key cannot create items', async () => {
      const { key } = (await createKey({ name: 'ro', scopes: ['items:read'] }).expect(201)).body as { key: string };
      await request(base).get('/api/v1/items').set('x-api-key', key).expect(200);
      const write = await request(base).post('/api/v1/items').set('x-api-key', key).send({ name: 'nope' });
      expect(write.status).toBe(403);
      expect(write.body.code).toBe('forbidden');
    });

    it('works until its expiry and is refused with 401 from then on', async () => {
      // GIVEN a key that expires in three seconds
      const expiresAt = new Date(Date.now() + 3_000);
      const { key } = (
        await createKey({ name: 'short-lived', scopes: ['items:read'], expiresAt: expiresAt.toISOString() }).expect(201)
      ).body as { key: string };
      const me = () => request(base).get('/api/v1/auth/me').set('x-api-key', key);
      expect((await me()).status).toBe(200);
      // WHEN its expiry has passed, THEN the same key is refused
      await waitFor('the key to expire', () => Promise.resolve(Date.now() > expiresAt.getTime() ? true : undefined));
      const refused = await me();
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('refuses an unknown key, and a known prefix with the wrong secret', async () => {
      const { key } = (await createKey({ name: 'real', scopes: ['items:read'] }).expect(201)).body as { key: string };
      const tampered = `${key.slice(0, -4)}AAAA`;
      await request(base).get('/api/v1/protected').set('x-api-key', tampered).expect(401);
      await request(base).get('/api/v1/protected').set('x-api-key', 'nko_000000000000_nothing').expect(401);
    });
  });

  describe('DELETE /api/v1/auth/api-keys/:id', () => {
    it('revokes the key with effect on the very next request', async () => {
      const created = await createKey({ name: 'temp', scopes: ['items:read'] }).expect(201);
      await request(base).get('/api/v1/protected').set('x-api-key', created.body.key).expect(200);
      await request(base)
        .delete(`/api/v1/auth/api-keys/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(204);
      await request(base).get('/api/v1/protected').set('x-api-key', created.body.key).expect(401);
    });

    it("answers 404 for another user's key and leaves it working", async () => {
      const created = await createKey({ name: 'mine', scopes: ['items:read'] }).expect(201);
      const stranger = await signUp(base, 'stranger');
      await request(base)
        .delete(`/api/v1/auth/api-keys/${created.body.id}`)
        .set(...bearer(stranger.accessToken))
        .expect(404);
      await request(base).get('/api/v1/protected').set('x-api-key', created.body.key).expect(200);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      await request(base)
        .delete('/api/v1/auth/api-keys/not-a-uuid')
        .set(...bearer(owner.accessToken))
        .expect(400);
    });
  });
});
