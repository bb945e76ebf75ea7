import { Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@app/auth';
import { CacheStore } from '@app/cache';
import { NotFoundError } from '@app/errors';
import { Clock } from '@app/lifecycle';
import { AppConfig } from '@app/config';
import { v7 as uuidv7 } from 'uuid';
import { type Page, fetchPage } from '../pagination/cursor';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.dto';
import type { ItemEntity } from './item.entity';
import { ItemView } from './item.view';
import { ItemsRepository } from './items.repository';

export interface ItemChanges {
  readonly name?: string;
  readonly description?: string;
}

/**
 * Items: readable by any authenticated caller, changed only by their owner or
 * an admin. Reads by id are cache-aside; writes invalidate the cached copy (see invalidate()).
 */
@Injectable()
export class ItemsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly cache: CacheStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(owner: Principal, name: string, description = ''): Promise<ItemView> {
    const now = this.clock.now();
    const item: ItemEntity = { id: uuidv7(), ownerId: owner.userId, name, description, createdAt: now, updatedAt: now };
    await this.items.create(item);
    return ItemView.of(item);
  }

  async get(id: string): Promise<ItemView> {
    const cached = await this.cache.get(cacheKey(id));
    if (cached !== undefined) return JSON.parse(cached) as ItemView;
    const item = await this.items.findById(id);
    if (item === null) throw notFound(id);
    const view = ItemView.of(item);
    // fill, not set: if a write invalidated the key meanwhile, this (possibly stale) copy stays out.
    await this.cache.fill(cacheKey(id), JSON.stringify(view), this.config.cache.defaultTtlSeconds);
    return view;
  }

  async list(limit = DEFAULT_PAGE_SIZE, cursor?: string, ownerId?: string): Promise<Page<ItemView>> {
    return fetchPage(
      limit,
      cursor,
      (take, afterId) => this.items.list(take, afterId, ownerId),
      (row) => ItemView.of(row),
    );
  }

  async update(caller: Principal, id: string, changes: ItemChanges): Promise<ItemView> {
    const item = await this.ownedItem(caller, id);
    const updated: ItemEntity = {
      ...item,
      name: changes.name ?? item.name,
      description: changes.description ?? item.description,
      updatedAt: this.clock.now(),
    };
    await this.items.update(id, updated);
    await this.invalidate(id);
    return ItemView.of(updated);
  }

  async delete(caller: Principal, id: string): Promise<void> {
    await this.ownedItem(caller, id);
    await this.items.delete(id);
    await this.invalidate(id);
  }

  /**
   * After the database changed: a read that fetched the old row before the change may still be on its
   * way to fill the cache, so the key is held empty for longer than such a read can take (its query is
   * bounded by the statement timeout) instead of merely deleted.
   */
  private invalidate(id: string): Promise<void> {
    const holdSeconds = Math.ceil(this.config.database.statementTimeoutMs / 1_000) * 2 + 1;
    return this.cache.invalidate(cacheKey(id), holdSeconds);
  }

  private async ownedItem(caller: Principal, id: string): Promise<ItemEntity> {
    const item = await this.items.findById(id);
    if (item === null) throw notFound(id);
    if (item.ownerId !== caller.userId && caller.role !== 'admin') {
      throw new ForbiddenError('Only the owner of an item or an admin may change it.');
    }
    return item;
  }
}

function cacheKey(id: string): string {
  return `item:${id}`;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`There is no item ${id}.`);
}
