import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { uniqueName } from '../../../test/support/service-env';
import { ApiKeyEntity } from '../src/api-keys/api-key.entity';
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
