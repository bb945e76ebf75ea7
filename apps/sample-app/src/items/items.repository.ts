import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '@app/auth';
import { isForeignKeyViolation, joinTransaction } from '@app/database';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ItemEntity } from './item.entity';

@Injectable()
export class ItemsRepository {
  constructor(@InjectRepository(ItemEntity) private readonly repository: Repository<ItemEntity>) {}

  /** The request's transaction when an idempotent create opened one (decision 0090), else the pool. */
  private get items(): Repository<ItemEntity> {
    return joinTransaction(this.repository);
  }

  /** Throws UnauthenticatedError when the owner's account was deleted after their credential was issued. */
  async create(item: ItemEntity): Promise<void> {
    try {
      await this.items.insert(item);
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new UnauthenticatedError('The account this credential belongs to no longer exists.');
      throw error;
    }
  }

  findById(id: string): Promise<ItemEntity | null> {
    return this.items.findOneBy({ id });
  }

  /** Newest first (ids are UUIDv7, ordered by creation); `before` is the last id of the previous page. */
  list(limit: number, before?: string, ownerId?: string): Promise<ItemEntity[]> {
    const query = this.items.createQueryBuilder('item').orderBy('item.id', 'DESC').limit(limit);
    if (before !== undefined) query.andWhere('item.id < :before', { before });
    if (ownerId !== undefined) query.andWhere('item.owner_id = :ownerId', { ownerId });
    return query.getMany();
  }

  async update(id: string, changes: Pick<ItemEntity, 'name' | 'description' | 'updatedAt'>): Promise<void> {
    await this.items.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.items.delete({ id });
  }
}
