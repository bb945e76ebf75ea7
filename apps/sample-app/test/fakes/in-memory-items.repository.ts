import type { ItemEntity } from '../../src/items/item.entity';

/**
 * The ItemsRepository contract in memory, for unit tests of the service logic.
 * The real repository is covered against PostgreSQL and SQLite by the e2e tiers.
 */
export class InMemoryItemsRepository {
  readonly rows = new Map<string, ItemEntity>();
  findByIdCalls = 0;

  create(item: ItemEntity): Promise<void> {
    this.rows.set(item.id, { ...item });
    return Promise.resolve();
  }

  findById(id: string): Promise<ItemEntity | null> {
    this.findByIdCalls += 1;
    const row = this.rows.get(id);
    return Promise.resolve(row === undefined ? null : { ...row });
  }

  list(limit: number, before?: string, ownerId?: string): Promise<ItemEntity[]> {
    const rows = [...this.rows.values()]
      .filter((row) => (before === undefined || row.id < before) && (ownerId === undefined || row.ownerId === ownerId))
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit);
    return Promise.resolve(rows);
  }

  update(id: string, changes: Pick<ItemEntity, 'name' | 'description' | 'updatedAt'>): Promise<void> {
    const row = this.rows.get(id);
    if (row !== undefined) this.rows.set(id, { ...row, ...changes });
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.rows.delete(id);
    return Promise.resolve();
  }
}
