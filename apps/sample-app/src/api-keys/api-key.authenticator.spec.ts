import { Logger } from '@nestjs/common';
import { type Principal, generateApiKey } from '@app/auth';
import { FixedClock } from '../../test/fakes/fixed-clock';
import type { ApiKeyEntity } from './api-key.entity';
import { DatabaseApiKeyAuthenticator, LAST_USED_RESOLUTION_MS } from './api-key.authenticator';
import type { ApiKeysRepository } from './api-keys.repository';

/** The repository's lookup and its conditional lastUsedAt write, in memory, counting the writes. */
class KeysInMemory {
  readonly rows = new Map<string, ApiKeyEntity>();
  writes = 0;
  failWrites = false;

  findByPrefixWithOwnerRole(prefix: string) {
    const key = [...this.rows.values()].find((row) => row.prefix === prefix);
    return Promise.resolve(key === undefined ? null : { key: { ...key }, ownerRole: 'admin' as const });
  }

  recordUse(id: string, now: Date, notBefore: Date): Promise<void> {
    this.writes += 1;
    if (this.failWrites) return Promise.reject(new Error('database gone'));
    const row = this.rows.get(id);
    if (row !== undefined && (row.lastUsedAt === null || row.lastUsedAt <= notBefore)) row.lastUsedAt = now;
    return Promise.resolve();
  }
}

describe(DatabaseApiKeyAuthenticator.name, () => {
  let keys: KeysInMemory;
  let clock: FixedClock;
  let authenticator: DatabaseApiKeyAuthenticator;

  /** A stored key of user u-1 with these scopes and expiry; returns the plain key. */
  const stored = (scopes: string, expiresAt: Date | null = null): { key: string; id: string } => {
    const generated = generateApiKey();
    const id = `key-${keys.rows.size + 1}`;
    keys.rows.set(id, {
      id,
      userId: 'u-1',
      name: 'k',
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes,
      expiresAt,
      lastUsedAt: null,
      createdAt: clock.now(),
    });
    return { key: generated.key, id };
  };

  beforeEach(() => {
    keys = new KeysInMemory();
    clock = new FixedClock();
    authenticator = new DatabaseApiKeyAuthenticator(keys as unknown as ApiKeysRepository, clock);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('authenticate', () => {
    it('acts as the key’s owner, with the owner’s current role, narrowed to the key’s scopes', async () => {
      const { key, id } = stored('items:read cache:read retired:scope');
      await expect(authenticator.authenticate(key)).resolves.toEqual<Principal>({
        kind: 'api-key',
        userId: 'u-1',
        role: 'admin',
        scopes: ['items:read', 'cache:read'],
        credentialId: id,
      });
    });

    it('refuses a malformed key, an unknown prefix and a known prefix with the wrong secret', async () => {
      const { key } = stored('items:read');
      await expect(authenticator.authenticate('not-a-key')).resolves.toBeUndefined();
      await expect(authenticator.authenticate(generateApiKey().key)).resolves.toBeUndefined();
      await expect(authenticator.authenticate(`${key.slice(0, -4)}AAAA`)).resolves.toBeUndefined();
      expect(keys.writes).toBe(0);
    });

    it('accepts a key until the millisecond before its expiry, and refuses it from then on', async () => {
      const { key } = stored('items:read', new Date(clock.nowMs() + 1_000));
      clock.advance(999);
      await expect(authenticator.authenticate(key)).resolves.toBeDefined();
      clock.advance(1);
      await expect(authenticator.authenticate(key)).resolves.toBeUndefined();
    });

    it('records the first use, then writes again only once a minute has passed since the last', async () => {
      const { key, id } = stored('items:read');
      const start = clock.nowMs();
      await authenticator.authenticate(key);
      expect(keys.rows.get(id)?.lastUsedAt?.getTime()).toBe(start);
      clock.advance(LAST_USED_RESOLUTION_MS - 1);
      await authenticator.authenticate(key);
      expect(keys.writes).toBe(1);
      clock.advance(1);
      await authenticator.authenticate(key);
      expect(keys.writes).toBe(2);
      expect(keys.rows.get(id)?.lastUsedAt?.getTime()).toBe(start + LAST_USED_RESOLUTION_MS);
    });

    it('leaves a use another replica recorded after this one read the key', async () => {
      const { key, id } = stored('items:read');
      const row = keys.rows.get(id);
      // This replica read the key as never used; meanwhile another recorded a use a second ago.
      jest
        .spyOn(keys, 'findByPrefixWithOwnerRole')
        .mockResolvedValueOnce({ key: { ...row!, lastUsedAt: null }, ownerRole: 'admin' });
      const other = new Date(clock.nowMs() - 1_000);
      row!.lastUsedAt = other;
      await authenticator.authenticate(key);
      expect(keys.rows.get(id)?.lastUsedAt).toBe(other);
    });

    it('lets a valid key through when its use cannot be recorded, and says why in the log', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { key, id } = stored('items:read');
      keys.failWrites = true;
      await expect(authenticator.authenticate(key)).resolves.toMatchObject({ credentialId: id });
      expect(warn).toHaveBeenCalledWith(`could not record the use of API key ${id}: database gone`);
    });
  });
});
