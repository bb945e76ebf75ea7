import { UnauthenticatedError } from '@app/auth';
import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { uniqueName } from '../../../test/support/service-env';
import { ApiKeyEntity } from '../src/api-keys/api-key.entity';
import { ApiKeysRepository } from '../src/api-keys/api-keys.repository';
import { RefreshSessionEntity } from '../src/auth/refresh-session.entity';
import { RefreshSessionsRepository } from '../src/auth/refresh-sessions.repository';
import { ItemEntity } from '../src/items/item.entity';
import { UserEntity } from '../src/users/user.entity';
import { UsersRepository } from '../src/users/users.repository';

/** Two connections to one migrated database (a PostgreSQL schema or a SQLite file). */
export interface TwoConnections {
  readonly first: DataSource;
  readonly second: DataSource;
}

/**
 * What the repositories promise on either database, as one spec that the SQLite unit test
 * and the PostgreSQL integration test both run. Races are run through two connections, as
 * two replicas (or two requests on two pooled connections) would.
 */
export function describeRepositoryContract(database: string, connections: () => TwoConnections): void {
  const now = new Date('2026-05-01T12:00:00.000Z');

  const newUser = (first: DataSource) =>
    new UsersRepository(first.getRepository(UserEntity)).create({
      email: `${uniqueName('user')}@example.com`,
      passwordHash: 'h',
      role: 'user',
      now,
    });

  const newSession = async (sessions: RefreshSessionsRepository, userId: string): Promise<string> => {
    const id = uuidv7();
    await sessions.create({
      id,
      familyId: uuidv7(),
      userId,
      tokenHash: 'a'.repeat(64),
      expiresAt: now,
      createdAt: now,
    });
    return id;
  };

  describe(`${RefreshSessionsRepository.name} on ${database}`, () => {
    describe('markUsed', () => {
      it('marks an unused session once: the second call reports that somebody was first', async () => {
        const { first } = connections();
        const sessions = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
        const id = await newSession(sessions, (await newUser(first)).id);
        expect(await sessions.markUsed(id, now)).toBe(true);
        expect(await sessions.markUsed(id, now)).toBe(false);
      });

      it('lets exactly one of two connections that both read the session as unused mark it', async () => {
        // GIVEN two refreshes with the same token, each on its own connection, both past the "unused" check
        const { first, second } = connections();
        const one = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
        const other = new RefreshSessionsRepository(second.getRepository(RefreshSessionEntity));
        const id = await newSession(one, (await newUser(first)).id);
        const seen = await Promise.all([one.findById(id), other.findById(id)]);
        expect(seen.map((session) => session?.usedAt)).toEqual([null, null]);
        // WHEN both mark it used at once, THEN only one wins
        const results = await Promise.all([one.markUsed(id, now), other.markUsed(id, now)]);
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('creates a session unused and unrevoked, whatever the caller passes', async () => {
        const { first } = connections();
        const sessions = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
        const id = await newSession(sessions, (await newUser(first)).id);
        expect(await sessions.findById(id)).toMatchObject({ id, usedAt: null, revokedAt: null });
      });

      it('does not mark a revoked session used', async () => {
        const { first } = connections();
        const sessions = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
        const id = await newSession(sessions, (await newUser(first)).id);
        const session = await sessions.findById(id);
        await sessions.revokeFamily(session?.familyId ?? '', now);
        expect(await sessions.markUsed(id, now)).toBe(false);
      });
    });
  });

  describe(`${RefreshSessionsRepository.name}.revokeFamily on ${database}`, () => {
    it('keeps the time a session was first revoked when its family is revoked again', async () => {
      const { first } = connections();
      const sessions = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
      const id = await newSession(sessions, (await newUser(first)).id);
      const familyId = (await sessions.findById(id))?.familyId ?? '';
      await sessions.revokeFamily(familyId, now);
      await sessions.revokeFamily(familyId, new Date(now.getTime() + 60_000));
      expect((await sessions.findById(id))?.revokedAt?.getTime()).toBe(now.getTime());
    });
  });

  describe(`${ApiKeysRepository.name} on ${database}`, () => {
    const keysOn = (source: DataSource) => new ApiKeysRepository(source.getRepository(ApiKeyEntity));
    const newKey = async (keys: ApiKeysRepository, userId: string, createdAt = now): Promise<ApiKeyEntity> => {
      const key: ApiKeyEntity = {
        id: uuidv7(),
        userId,
        name: 'k',
        prefix: uniqueName('p').slice(0, 32),
        keyHash: 'c'.repeat(64),
        scopes: 'items:read',
        expiresAt: null,
        lastUsedAt: null,
        createdAt,
      };
      await keys.create(key);
      return key;
    };
    const lastUsedAt = async (keys: ApiKeysRepository, key: ApiKeyEntity) =>
      (await keys.findByPrefixWithOwnerRole(key.prefix))?.key.lastUsedAt?.getTime();

    it('finds a key by its prefix with its owner’s current role, and nothing for another prefix', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const owner = await newUser(first);
      const key = await newKey(keys, owner.id);
      expect(await keys.findByPrefixWithOwnerRole(key.prefix)).toMatchObject({
        key: { id: key.id },
        ownerRole: 'user',
      });
      await new UsersRepository(first.getRepository(UserEntity)).setRole(owner.id, 'admin', now);
      expect((await keys.findByPrefixWithOwnerRole(key.prefix))?.ownerRole).toBe('admin');
      expect(await keys.findByPrefixWithOwnerRole('nko_nosuchprefix')).toBeNull();
    });

    it('records a first use, keeps a use recorded after notBefore, and replaces one recorded at or before it', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const key = await newKey(keys, (await newUser(first)).id);
      const at = (seconds: number) => new Date(now.getTime() + seconds * 1_000);
      await keys.recordUse(key.id, at(0), at(-60));
      expect(await lastUsedAt(keys, key)).toBe(at(0).getTime());
      await keys.recordUse(key.id, at(30), at(-30));
      expect(await lastUsedAt(keys, key)).toBe(at(0).getTime());
      await keys.recordUse(key.id, at(60), at(0));
      expect(await lastUsedAt(keys, key)).toBe(at(60).getTime());
    });

    it('lists a user’s keys newest first, and nobody else’s', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const [owner, stranger] = [await newUser(first), await newUser(first)];
      const older = await newKey(keys, owner.id);
      const newer = await newKey(keys, owner.id);
      await newKey(keys, stranger.id);
      expect((await keys.listForUser(owner.id)).map(({ id }) => id)).toEqual([newer.id, older.id]);
    });

    it('deletes a user’s own key only, and says whether it did', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const [owner, stranger] = [await newUser(first), await newUser(first)];
      const key = await newKey(keys, owner.id);
      expect(await keys.deleteForUser(key.id, stranger.id)).toBe(false);
      expect(await keys.deleteForUser(key.id, owner.id)).toBe(true);
      expect(await keys.deleteForUser(key.id, owner.id)).toBe(false);
    });

    it('lets any other failed insert through as it is, not as a 401', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const key = await newKey(keys, (await newUser(first)).id);
      const again = keys.create(key);
      await expect(again).rejects.toThrow();
      await expect(again).rejects.not.toBeInstanceOf(UnauthenticatedError);
    });

    it('refuses a key for an account deleted after its credential was issued with 401, not a database error', async () => {
      const { first } = connections();
      const keys = keysOn(first);
      const create = newKey(keys, uuidv7());
      await expect(create).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(create).rejects.toThrow('The account this credential belongs to no longer exists.');
    });
  });

  describe(`the users table on ${database}`, () => {
    it('cascades a user deletion to their items, API keys and refresh sessions, and nobody else’s', async () => {
      // GIVEN two users, each with an item, an API key and a refresh session
      const { first } = connections();
      const sessions = new RefreshSessionsRepository(first.getRepository(RefreshSessionEntity));
      const [leaving, staying] = [await newUser(first), await newUser(first)];
      for (const user of [leaving, staying]) {
        await first
          .getRepository(ItemEntity)
          .insert({ id: uuidv7(), ownerId: user.id, name: 'n', description: '', createdAt: now, updatedAt: now });
        await first.getRepository(ApiKeyEntity).insert({
          id: uuidv7(),
          userId: user.id,
          name: 'k',
          prefix: uniqueName('p').slice(0, 32),
          keyHash: 'b'.repeat(64),
          scopes: 'items:read',
          expiresAt: null,
          lastUsedAt: null,
          createdAt: now,
        });
        await newSession(sessions, user.id);
      }
      // WHEN one user is deleted
      await first.getRepository(UserEntity).delete({ id: leaving.id });
      // THEN everything they owned is gone, and the other user's rows are all still there
      const counts = async (userId: string) => [
        await first.getRepository(ItemEntity).countBy({ ownerId: userId }),
        await first.getRepository(ApiKeyEntity).countBy({ userId }),
        await first.getRepository(RefreshSessionEntity).countBy({ userId }),
      ];
      expect(await counts(leaving.id)).toEqual([0, 0, 0]);
      expect(await counts(staying.id)).toEqual([1, 1, 1]);
    });
  });
}
