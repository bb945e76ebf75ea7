import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/database';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { requiredServiceUrls, uniqueName } from '../../../../test/support/service-env';
import { describeRepositoryContract } from '../../test/repositories.contract';
import { RefreshSessionEntity } from '../auth/refresh-session.entity';
import { RefreshSessionsRepository } from '../auth/refresh-sessions.repository';
import { ItemEntity } from '../items/item.entity';
import { ItemsRepository } from '../items/items.repository';
import { SAMPLE_APP } from '../sample-app.identity';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { SAMPLE_APP_SCHEMA } from './schema';

describe('sample-app repositories on PostgreSQL', () => {
  const { databaseUrl } = requiredServiceUrls();
  const schema = uniqueName('repos').replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: databaseUrl });
  let source: DataSource;
  let secondSource: DataSource;
  let users: UsersRepository;
  let sessions: RefreshSessionsRepository;
  let items: ItemsRepository;
  const now = new Date('2026-05-01T12:00:00.000Z');

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const config = loadConfig({ DATABASE_URL: url.toString() }, SAMPLE_APP);
    const open = () => new DataSource({ ...dataSourceOptions(config, SAMPLE_APP_SCHEMA), logging: false }).initialize();
    source = await open();
    await runMigrations(source);
    secondSource = await open();
    users = new UsersRepository(source.getRepository(UserEntity));
    sessions = new RefreshSessionsRepository(source.getRepository(RefreshSessionEntity));
    items = new ItemsRepository(source.getRepository(ItemEntity));
  });

  afterAll(async () => {
    await source.destroy();
    await secondSource.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  describeRepositoryContract('PostgreSQL', () => ({ first: source, second: secondSource }));

  describe(UsersRepository.name, () => {
    it('finds a user by email in any case, and round-trips timestamps exactly', async () => {
      const created = await users.create({ email: 'Ada@Example.com', passwordHash: 'h', role: 'user', now });
      const found = await users.findByEmail('ADA@example.COM');
      expect(found?.id).toBe(created.id);
      expect(found?.createdAt.toISOString()).toBe(now.toISOString());
    });
  });

  describe(RefreshSessionsRepository.name, () => {
    it('lets exactly one of many concurrent markUsed calls win', async () => {
      const user = await users.create({
        email: `${uniqueName('s')}@example.com`,
        passwordHash: 'h',
        role: 'user',
        now,
      });
      const id = uuidv7();
      await sessions.create({
        id,
        familyId: uuidv7(),
        userId: user.id,
        tokenHash: 'a'.repeat(64),
        expiresAt: now,
        createdAt: now,
      });
      const results = await Promise.all(Array.from({ length: 8 }, () => sessions.markUsed(id, now)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('revokes every session of a family and no other', async () => {
      const user = await users.create({
        email: `${uniqueName('f')}@example.com`,
        passwordHash: 'h',
        role: 'user',
        now,
      });
      const family = uuidv7();
      const other = uuidv7();
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      for (const [index, id] of ids.entries()) {
        await sessions.create({
          id,
          familyId: index < 2 ? family : other,
          userId: user.id,
          tokenHash: 'b'.repeat(64),
          expiresAt: now,
          createdAt: now,
        });
      }
      await sessions.revokeFamily(family, now);
      const revoked = await Promise.all(ids.map(async (id) => (await sessions.findById(id))?.revokedAt !== null));
      expect(revoked).toEqual([true, true, false]);
    });
  });

  describe(ItemsRepository.name, () => {
    it('lists newest first by UUIDv7 id, filtered by owner, before a cursor', async () => {
      const owner = await users.create({
        email: `${uniqueName('o')}@example.com`,
        passwordHash: 'h',
        role: 'user',
        now,
      });
      const ids: string[] = [];
      for (const name of ['one', 'two', 'three']) {
        const id = uuidv7();
        ids.push(id);
        await items.create({ id, ownerId: owner.id, name, description: '', createdAt: now, updatedAt: now });
      }
      expect((await items.list(10, undefined, owner.id)).map((item) => item.name)).toEqual(['three', 'two', 'one']);
      expect((await items.list(10, ids[2], owner.id)).map((item) => item.name)).toEqual(['two', 'one']);
    });
  });
});
