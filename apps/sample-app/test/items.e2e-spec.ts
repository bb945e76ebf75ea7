import request from 'supertest';
import { type TestAccount, bearer, logIn, signUp } from '../../../test/support/accounts';
import { uniqueName } from '../../../test/support/service-env';
import type { RunningApp } from '../../../test/support/start-app';
import { DataSource } from 'typeorm';
import { ItemEntity } from '../src/items/item.entity';
import { AdminSeeder } from '../src/users/admin-seeder';
import { startSampleApp } from './sample-app.harness';

describe('sample-app items', () => {
  let running: RunningApp;
  let base: string;
  let owner: TestAccount;
  let other: TestAccount;

  const createItem = (account: TestAccount, body: object) =>
    request(base)
      .post('/api/v1/items')
      .set(...bearer(account.accessToken))
      .send(body);

  beforeAll(async () => {
    running = await startSampleApp();
    base = running.baseUrl;
    owner = await signUp(base, 'owner');
    other = await signUp(base, 'other');
  });

  afterAll(async () => {
    await running.close();
  });

  describe('POST /api/v1/items', () => {
    it('creates an item owned by the caller', async () => {
      const response = await createItem(owner, { name: 'Telescope', description: 'A 200 mm reflector.' }).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ownerId: owner.userId,
        name: 'Telescope',
        description: 'A 200 mm reflector.',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('lists every invalid field: missing name, too long description, unknown property', async () => {
      const response = await createItem(owner, { description: 'x'.repeat(2001), colour: 'red' });
      expect(response.status).toBe(400);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'description', 'colour']));
    });

    it('needs authentication', async () => {
      await request(base).post('/api/v1/items').send({ name: 'x' }).expect(401);
    });
  });

  describe('GET /api/v1/items/:id', () => {
    it('returns the item, then serves it from the cache (a hit is counted)', async () => {
      const created = await createItem(owner, { name: 'Cached' }).expect(201);
      const statsBefore = await request(base)
        .get('/api/v1/cache')
        .set(...bearer(owner.accessToken))
        .expect(200);
      const first = await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(other.accessToken))
        .expect(200);
      const second = await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(other.accessToken))
        .expect(200);
      const statsAfter = await request(base)
        .get('/api/v1/cache')
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect(first.body).toEqual(created.body);
      expect(second.body).toEqual(created.body);
      expect(statsAfter.body.hits).toBeGreaterThanOrEqual(statsBefore.body.hits + 1);
    });

    it('serves a read from the cached copy, not the row: a change made behind the cache is not seen', async () => {
      // GIVEN an item that was read once (and so cached)
      const created = await createItem(owner, { name: 'Before' }).expect(201);
      const read = () =>
        request(base)
          .get(`/api/v1/items/${created.body.id}`)
          .set(...bearer(other.accessToken))
          .expect(200);
      expect((await read()).body.name).toBe('Before');
      // WHEN the row changes in the database without going through the API
      await running.app.get(DataSource).getRepository(ItemEntity).update(created.body.id, { name: 'Behind the cache' });
      // THEN reads keep answering the cached copy
      expect((await read()).body).toEqual(created.body);
      // AND a change through the API drops the cached copy, so the next read sees the row
      await request(base)
        .patch(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .send({ description: 'changed through the API' })
        .expect(200);
      expect((await read()).body).toMatchObject({ name: 'Behind the cache', description: 'changed through the API' });
    });

    it('answers 404 for a missing item and 400 for an id that is not a UUID', async () => {
      const missing = await request(base)
        .get('/api/v1/items/01a21d45-0000-7000-8000-000000000000')
        .set(...bearer(owner.accessToken));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not-found');
      expect(missing.body.detail).toBe('There is no item 01a21d45-0000-7000-8000-000000000000.');
      await request(base)
        .get('/api/v1/items/42')
        .set(...bearer(owner.accessToken))
        .expect(400);
    });
  });

  describe('PATCH /api/v1/items/:id', () => {
    it('lets the owner change it, and the next read sees the change (cache invalidated)', async () => {
      const created = await createItem(owner, { name: 'Before' }).expect(201);
      await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      await request(base)
        .patch(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .send({ name: 'After' })
        .expect(200);
      const read = await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect(read.body.name).toBe('After');
      expect(read.body.description).toBe('');
    });

    it('refuses another user with 403 and changes nothing', async () => {
      const created = await createItem(owner, { name: 'Mine' }).expect(201);
      const response = await request(base)
        .patch(`/api/v1/items/${created.body.id}`)
        .set(...bearer(other.accessToken))
        .send({ name: 'Stolen' });
      expect(response.status).toBe(403);
      const read = await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect(read.body.name).toBe('Mine');
    });
  });

  describe('DELETE /api/v1/items/:id', () => {
    it('lets an admin delete any item, after which it is gone (also from the cache)', async () => {
      const created = await createItem(owner, { name: 'Doomed' }).expect(201);
      await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      const adminEmail = `${uniqueName('admin')}@example.com`;
      await running.app.get(AdminSeeder).ensureAdmin(adminEmail, 'an admin password here');
      const admin = await logIn(base, adminEmail, 'an admin password here');
      await request(base)
        .delete(`/api/v1/items/${created.body.id}`)
        .set(...bearer(other.accessToken))
        .expect(403);
      await request(base)
        .delete(`/api/v1/items/${created.body.id}`)
        .set(...bearer(admin.accessToken))
        .expect(204);
      await request(base)
        .get(`/api/v1/items/${created.body.id}`)
        .set(...bearer(owner.accessToken))
        .expect(404);
    });
  });

  describe('GET /api/v1/items', () => {
    it('walks every page exactly once, newest first, ending with a null cursor', async () => {
      const lister = await signUp(base, 'lister');
      const names = ['one', 'two', 'three', 'four', 'five'];
      for (const name of names) await createItem(lister, { name }).expect(201);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = { owner: 'me', limit: 2 };
        if (cursor !== null) query.cursor = cursor;
        const page = await request(base)
          .get('/api/v1/items')
          .query(query)
          .set(...bearer(lister.accessToken))
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...(page.body.items as { name: string }[]).map((item) => item.name));
        cursor = page.body.nextCursor as string | null;
      } while (cursor !== null);
      expect(seen).toEqual([...names].reverse());
    });

    it('refuses a page size above 100 and a cursor it did not issue', async () => {
      const tooLarge = await request(base)
        .get('/api/v1/items?limit=101')
        .set(...bearer(owner.accessToken));
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
      const badCursor = await request(base)
        .get('/api/v1/items?cursor=bm90LWEtY3Vyc29y')
        .set(...bearer(owner.accessToken));
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.code).toBe('invalid-cursor');
    });
  });

  describe('GET right after DELETE of the same item', () => {
    it('is never answered from the cache, even with a read racing the delete (100 trials)', async () => {
      const busy = await startSampleApp({ env: { RATE_LIMIT_MAX_REQUESTS: '100000' } });
      try {
        const account = await signUp(busy.baseUrl, 'racer');
        const as = (call: request.Test) => call.set(...bearer(account.accessToken));
        const served: number[] = [];
        for (let trial = 0; trial < 100; trial += 1) {
          // GIVEN a cached item
          const created = await as(request(busy.baseUrl).post('/api/v1/items')).send({ name: `race ${trial}` });
          const path = `/api/v1/items/${created.body.id as string}`;
          await as(request(busy.baseUrl).get(path)).expect(200);
          // WHEN a read races its delete
          const [racingRead, deleted] = await Promise.all([
            as(request(busy.baseUrl).get(path)),
            as(request(busy.baseUrl).delete(path)),
          ]);
          expect([200, 404]).toContain(racingRead.status);
          expect(deleted.status).toBe(204);
          // THEN the next read does not find it
          served.push((await as(request(busy.baseUrl).get(path))).status);
        }
        expect(served).toEqual(Array(100).fill(404));
      } finally {
        await busy.close();
      }
    }, 120_000);
  });
});
