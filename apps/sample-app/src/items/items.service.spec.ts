import { ForbiddenError, type Principal } from '@app/auth';
import { MemoryCacheStore } from '@app/cache';
import { NotFoundError } from '@app/errors';
import { loadConfig } from '@app/config';
import { FixedClock } from '../../test/fakes/fixed-clock';
import { InMemoryItemsRepository } from '../../test/fakes/in-memory-items.repository';
import { SAMPLE_APP } from '../sample-app.identity';
import type { ItemsRepository } from './items.repository';
import { ItemsService } from './items.service';

const owner: Principal = { kind: 'access-token', userId: 'owner-1', role: 'user', scopes: [], credentialId: 'j1' };
const stranger: Principal = { ...owner, userId: 'stranger-1' };
const admin: Principal = { ...owner, userId: 'admin-1', role: 'admin' };

describe(ItemsService.name, () => {
  let repository: InMemoryItemsRepository;
  let cache: MemoryCacheStore;
  let service: ItemsService;

  beforeEach(() => {
    repository = new InMemoryItemsRepository();
    cache = new MemoryCacheStore(100);
    service = new ItemsService(
      repository as unknown as ItemsRepository,
      cache,
      new FixedClock(),
      loadConfig({}, SAMPLE_APP),
    );
  });

  describe('get', () => {
    it('reads the database once, then serves from the cache', async () => {
      const created = await service.create(owner, 'Lamp');
      repository.findByIdCalls = 0;
      expect(await service.get(created.id)).toEqual(created);
      expect(await service.get(created.id)).toEqual(created);
      expect(repository.findByIdCalls).toBe(1);
      expect((await cache.stats()).hits).toBe(1);
    });

    it('throws NotFoundError for a missing item and caches nothing', async () => {
      await expect(service.get('00000000-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
      expect((await cache.stats()).keys).toBe(0);
    });
  });

  describe('update', () => {
    it('lets the owner change a field, keeps the others, and drops the cached copy', async () => {
      const created = await service.create(owner, 'Lamp', 'brass');
      await service.get(created.id);
      const updated = await service.update(owner, created.id, { name: 'Desk lamp' });
      expect(updated).toMatchObject({ name: 'Desk lamp', description: 'brass' });
      expect((await service.get(created.id)).name).toBe('Desk lamp');
    });

    it('refuses anyone but the owner or an admin', async () => {
      const created = await service.create(owner, 'Lamp');
      await expect(service.update(stranger, created.id, { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.update(admin, created.id, { name: 'By admin' })).resolves.toMatchObject({
        name: 'By admin',
      });
    });
  });

  describe('delete', () => {
    it('removes the row and the cached copy', async () => {
      const created = await service.create(owner, 'Lamp');
      await service.get(created.id);
      await service.delete(owner, created.id);
      await expect(service.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps a deleted item out of the cache when a read that fetched it before the delete finishes after it', async () => {
      const created = await service.create(owner, 'Lamp');
      // GIVEN a read that has fetched the row from the database but not yet filled the cache
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const findById = repository.findById.bind(repository);
      jest.spyOn(repository, 'findById').mockImplementationOnce(async (id: string) => {
        const row = await findById(id);
        await held;
        return row;
      });
      const slowRead = service.get(created.id);
      await new Promise((resolve) => setImmediate(resolve));
      // WHEN the item is deleted meanwhile, and then the slow read fills the cache
      await service.delete(owner, created.id);
      release();
      await slowRead;
      // THEN the next read is not answered from the cache
      await expect(service.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses a stranger and leaves the item in place', async () => {
      const created = await service.create(owner, 'Lamp');
      await expect(service.delete(stranger, created.id)).rejects.toBeInstanceOf(ForbiddenError);
      expect(repository.rows.has(created.id)).toBe(true);
    });
  });

  describe('list', () => {
    it('pages newest first and hands out a cursor only while more rows remain', async () => {
      for (const name of ['a', 'b', 'c']) await service.create(owner, name);
      const first = await service.list(2);
      expect(first.items.map((item) => item.name)).toEqual(['c', 'b']);
      expect(first.nextCursor).not.toBeNull();
      const second = await service.list(2, first.nextCursor ?? undefined);
      expect(second.items.map((item) => item.name)).toEqual(['a']);
      expect(second.nextCursor).toBeNull();
    });
  });
});
