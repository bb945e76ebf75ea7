import { ForbiddenError, type Principal, apiKeyMatches, apiKeyPrefix } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { FixedClock } from '../../test/fakes/fixed-clock';
import type { ApiKeyEntity } from './api-key.entity';
import { ExpiryInPastError } from './api-keys.errors';
import type { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

class KeysInMemory {
  readonly rows: ApiKeyEntity[] = [];

  create(key: ApiKeyEntity): Promise<void> {
    this.rows.push(key);
    return Promise.resolve();
  }

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return Promise.resolve(this.rows.filter((row) => row.userId === userId));
  }

  deleteForUser(id: string, userId: string): Promise<boolean> {
    const index = this.rows.findIndex((row) => row.id === id && row.userId === userId);
    if (index >= 0) this.rows.splice(index, 1);
    return Promise.resolve(index >= 0);
  }
}

const owner = (scopes: Principal['scopes']): Principal => ({
  kind: 'access-token',
  userId: 'u-1',
  role: 'user',
  scopes,
  credentialId: 'jti-1',
});

describe(ApiKeysService.name, () => {
  let keys: KeysInMemory;
  let clock: FixedClock;
  let service: ApiKeysService;

  beforeEach(() => {
    keys = new KeysInMemory();
    clock = new FixedClock();
    service = new ApiKeysService(keys as unknown as ApiKeysRepository, clock);
  });

  describe('create', () => {
    it('stores the owner’s key with its name, prefix, hash and sorted scopes, unused, and returns the plain key once', async () => {
      const expiresAt = new Date(clock.nowMs() + 60_000);
      const created = await service.create(
        owner(['items:read', 'items:write']),
        'ci',
        ['items:write', 'items:read'],
        expiresAt,
      );
      expect(keys.rows).toEqual([created.entity]);
      expect(created.entity).toMatchObject({
        userId: 'u-1',
        name: 'ci',
        prefix: apiKeyPrefix(created.key),
        scopes: 'items:read items:write',
        expiresAt,
        lastUsedAt: null,
        createdAt: clock.now(),
      });
      expect(apiKeyMatches(created.key, created.entity.keyHash)).toBe(true);
      expect(JSON.stringify(created.entity)).not.toContain(created.key);
    });

    it('stores a key without expiry as one that never expires', async () => {
      const created = await service.create(owner(['items:read']), 'forever', ['items:read']);
      expect(created.entity.expiresAt).toBeNull();
    });

    it('never grants a scope the caller does not hold, naming it', async () => {
      const create = service.create(owner(['items:read']), 'wider', ['items:read', 'items:write', 'cache:write']);
      await expect(create).rejects.toBeInstanceOf(ForbiddenError);
      await expect(create).rejects.toThrow('You cannot grant a scope you do not hold: items:write, cache:write.');
      expect(keys.rows).toEqual([]);
    });

    it('refuses an expiry at or before now, saying why, and accepts one a millisecond later', async () => {
      for (const offset of [-1, 0]) {
        const create = service.create(owner(['items:read']), 'x', ['items:read'], new Date(clock.nowMs() + offset));
        await expect(create).rejects.toBeInstanceOf(ExpiryInPastError);
        await expect(create).rejects.toThrow('expiresAt must be in the future.');
      }
      await expect(
        service.create(owner(['items:read']), 'x', ['items:read'], new Date(clock.nowMs() + 1)),
      ).resolves.toBeDefined();
    });
  });

  describe('revoke', () => {
    it('deletes the caller’s key, and answers 404 naming a key they do not have', async () => {
      const { entity } = await service.create(owner(['items:read']), 'k', ['items:read']);
      await expect(service.revoke('u-2', entity.id)).rejects.toThrow(
        new NotFoundError(`You have no API key ${entity.id}.`),
      );
      await expect(service.list('u-1')).resolves.toHaveLength(1);
      await service.revoke('u-1', entity.id);
      await expect(service.list('u-1')).resolves.toEqual([]);
    });
  });
});
