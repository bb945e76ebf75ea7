import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type TestAccount, bearer, signUp } from '../../../test/support/accounts';
import { uniqueName } from '../../../test/support/service-env';
import type { RunningApp } from '../../../test/support/start-app';
import { IdempotencyKeyEntity } from '../src/idempotency/idempotency-key.entity';
import { IdempotencyStore } from '../src/idempotency/idempotency.store';
import { UserEntity } from '../src/users/user.entity';
import { startSampleApp } from './sample-app.harness';

const PROBLEM = /^application\/problem\+json/;

describe('sample-app Idempotency-Key on creates', () => {
  let running: RunningApp;
  let base: string;
  let alice: TestAccount;
  let bob: TestAccount;

  const createItem = (account: TestAccount, key: string | undefined, body: object | string) => {
    const call = request(base)
      .post('/api/v1/items')
      .set(...bearer(account.accessToken))
      .set('content-type', 'application/json');
    if (key !== undefined) call.set('idempotency-key', key);
    return call.send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const itemNames = async (account: TestAccount): Promise<string[]> => {
    const listed = await request(base)
      .get('/api/v1/items?owner=me&limit=100')
      .set(...bearer(account.accessToken))
      .expect(200);
    return (listed.body.items as { name: string }[]).map((item) => item.name);
  };

  beforeAll(async () => {
    running = await startSampleApp();
    base = running.baseUrl;
    [alice, bob] = await Promise.all([signUp(base, 'alice'), signUp(base, 'bob')]);
  });

  afterAll(async () => {
    await running.close();
  });

  describe('POST /api/v1/items', () => {
    it('replays the first answer (status and body) with Idempotent-Replayed and stores one item', async () => {
      const key = randomUUID();
      const name = uniqueName('replayed');
      const first = await createItem(alice, key, { name, description: 'once' }).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await createItem(alice, key, { name, description: 'once' }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect((await itemNames(alice)).filter((stored) => stored === name)).toHaveLength(1);
    });

    it('treats the body as data: other key order and whitespace are the same request', async () => {
      const key = randomUUID();
      const name = uniqueName('canonical');
      const first = await createItem(alice, key, `{"name":"${name}","description":"d"}`).expect(201);
      const again = await createItem(alice, key, `{ "description": "d",\n  "name": "${name}" }`).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
    });

    it('accepts the IETF structured-field form of the key ("...") as the same key', async () => {
      const key = randomUUID();
      const name = uniqueName('quoted');
      const first = await createItem(alice, `"${key}"`, { name }).expect(201);
      const again = await createItem(alice, key, { name }).expect(201);
      expect(again.body.id).toBe(first.body.id);
    });

    it('answers 422 problem+json naming the header when the same key comes with a different body', async () => {
      const key = randomUUID();
      const name = uniqueName('first');
      await createItem(alice, key, { name }).expect(201);
      const other = await createItem(alice, key, { name: `${name}-changed` });
      expect(other.status).toBe(422);
      expect(other.headers['content-type']).toMatch(PROBLEM);
      expect(other.body).toMatchObject({ code: 'idempotency-key-reused', header: 'Idempotency-Key' });
      expect(await itemNames(alice)).not.toContain(`${name}-changed`);
    });

    it("scopes keys per caller: another user's request with the same key creates their own item", async () => {
      const key = randomUUID();
      const name = uniqueName('scoped');
      const mine = await createItem(alice, key, { name }).expect(201);
      const theirs = await createItem(bob, key, { name }).expect(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.body.ownerId).toBe(bob.userId);
    });

    it('creates exactly one item when 20 identical requests race; the others replay it or answer 409 with Retry-After', async () => {
      const key = randomUUID();
      const name = uniqueName('raced');
      const answers = await Promise.all(Array.from({ length: 20 }, () => createItem(alice, key, { name })));
      const created = answers.filter((answer) => answer.status === 201);
      const inFlight = answers.filter((answer) => answer.status === 409);
      expect(created.length + inFlight.length).toBe(20);
      expect(new Set(created.map((answer) => answer.body.id as string)).size).toBe(1);
      expect(created.filter((answer) => answer.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      for (const answer of inFlight) {
        expect(answer.headers['retry-after']).toBe('1');
        expect(answer.headers['content-type']).toMatch(PROBLEM);
        expect(answer.body.code).toBe('idempotency-request-in-flight');
      }
      expect((await itemNames(alice)).filter((stored) => stored === name)).toHaveLength(1);
    });

    it.each([
      ['longer than 255 characters', 'k'.repeat(256)],
      ['empty', ''],
      ['with a space', 'two words'],
      ['non-ASCII', 'clé-é'],
    ])('answers 400 problem+json naming the header for a key %s', async (_case, key) => {
      const name = uniqueName('bad-key');
      const answer = await createItem(alice, key, { name });
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
      expect(answer.body).toMatchObject({ code: 'idempotency-key-invalid', header: 'Idempotency-Key' });
      expect(answer.body.detail).toContain('Idempotency-Key');
      expect(await itemNames(alice)).not.toContain(name);
    });

    it('does not store a failed request: after a 400 the same key with a corrected body creates the item', async () => {
      const key = randomUUID();
      await createItem(alice, key, { name: '' }).expect(400);
      const fixed = await createItem(alice, key, { name: uniqueName('fixed') }).expect(201);
      expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    });

    it('creates one item per request without the header, as before', async () => {
      const name = uniqueName('no-key');
      await createItem(alice, undefined, { name }).expect(201);
      await createItem(alice, undefined, { name }).expect(201);
      expect((await itemNames(alice)).filter((stored) => stored === name)).toHaveLength(2);
    });
  });

  describe('POST /api/v1/auth/register', () => {
    const register = (key: string, body: object) =>
      request(base).post('/api/v1/auth/register').set('idempotency-key', key).send(body);

    it('replays the created account for the same key and body, and creates one user', async () => {
      const key = randomUUID();
      const email = `${uniqueName('idem-register')}@example.com`.toLowerCase();
      const first = await register(key, { email, password: 'a long enough password' }).expect(201);
      const again = await register(key, { email, password: 'a long enough password' }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await running.app.get(DataSource).getRepository(UserEntity).countBy({ email })).toBe(1);
    });

    it('answers 422 when the same key comes with another password, and stores no hash of the body in clear', async () => {
      const key = randomUUID();
      const email = `${uniqueName('idem-register')}@example.com`.toLowerCase();
      await register(key, { email, password: 'a long enough password' }).expect(201);
      const other = await register(key, { email, password: 'another long password' });
      expect(other.status).toBe(422);
      const rows = await running.app.get(DataSource).getRepository(IdempotencyKeyEntity).findBy({ key });
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain('a long enough password');
    });
  });

  describe('POST /api/v1/auth/api-keys', () => {
    const createKey = (key: string) =>
      request(base)
        .post('/api/v1/auth/api-keys')
        .set(...bearer(alice.accessToken))
        .set('idempotency-key', key)
        .send({ name: 'ci', scopes: ['items:read'] });

    it('never shows the secret twice: a retry gets 409 naming the key id, and the secret is not stored', async () => {
      const key = randomUUID();
      const first = await createKey(key).expect(201);
      expect(first.body.key).toEqual(expect.any(String));
      const again = await createKey(key);
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toMatch(PROBLEM);
      expect(again.body).toMatchObject({ code: 'idempotency-secret-not-replayed', resourceId: first.body.id });
      expect(JSON.stringify(again.body)).not.toContain(first.body.key as string);
      const rows = await running.app.get(DataSource).getRepository(IdempotencyKeyEntity).findBy({ key });
      expect(JSON.stringify(rows)).not.toContain(first.body.key as string);
      const listed = await request(base)
        .get('/api/v1/auth/api-keys')
        .set(...bearer(alice.accessToken))
        .expect(200);
      expect((listed.body as { id: string }[]).filter((apiKey) => apiKey.id === first.body.id)).toHaveLength(1);
      expect(listed.body).toHaveLength(1);
    });
  });

  describe('GET /docs-json', () => {
    it('documents the Idempotency-Key header once, referenced by every create, with its 409 and 422', async () => {
      const document = (await request(base).get('/docs-json').expect(200)).body;
      expect(document.components.parameters.IdempotencyKey).toMatchObject({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { maxLength: 255 },
      });
      for (const path of ['/api/v1/items', '/api/v1/auth/register', '/api/v1/auth/api-keys']) {
        const operation = document.paths[path].post;
        expect(operation.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
        expect(operation.responses['409'].description).toContain('idempotency-request-in-flight');
        expect(operation.responses['422'].description).toContain('idempotency-key-reused');
      }
      const apiKeys = document.paths['/api/v1/auth/api-keys'].post;
      expect(apiKeys.responses['409'].description).toContain('idempotency-secret-not-replayed');
    });
  });
});

describe('sample-app Idempotency-Key expiry', () => {
  let running: RunningApp;
  let account: TestAccount;

  beforeAll(async () => {
    running = await startSampleApp({ env: { IDEMPOTENCY_KEY_TTL_SECONDS: '1' } });
    account = await signUp(running.baseUrl, 'expiry');
  });

  afterAll(async () => {
    await running.close();
  });

  it('frees a key after IDEMPOTENCY_KEY_TTL_SECONDS, and the sweep deletes the expired record', async () => {
    const key = randomUUID();
    const post = (name: string) =>
      request(running.baseUrl)
        .post('/api/v1/items')
        .set(...bearer(account.accessToken))
        .set('idempotency-key', key)
        .send({ name });
    await post(uniqueName('before-expiry')).expect(201);
    await sleep(1_200);
    const after = await post(uniqueName('after-expiry')).expect(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    const records = running.app.get(DataSource).getRepository(IdempotencyKeyEntity);
    expect(await records.countBy({ key })).toBe(1);
    await sleep(1_200);
    // The app's own sweeper runs every TTL (1 s here) and may have deleted it already: either way
    // a sweep leaves no expired record behind.
    await running.app.get(IdempotencyStore).sweep();
    expect(await records.countBy({ key })).toBe(0);
  });
});
