import { Injectable } from '@nestjs/common';
import { type RoleName, UnauthenticatedError } from '@app/auth';
import { isForeignKeyViolation, joinTransaction } from '@app/database';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly repository: Repository<ApiKeyEntity>) {}

  /** The request's transaction when an idempotent create opened one (decision 0090), else the pool. */
  private get keys(): Repository<ApiKeyEntity> {
    return joinTransaction(this.repository);
  }

  /** Throws UnauthenticatedError when the owner's account was deleted after their credential was issued. */
  async create(key: ApiKeyEntity): Promise<void> {
    try {
      await this.keys.insert(key);
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new UnauthenticatedError('The account this credential belongs to no longer exists.');
      throw error;
    }
  }

  /** The key with this prefix and its owner's current role, in one query (it runs on every API-key request). */
  async findByPrefixWithOwnerRole(prefix: string): Promise<{ key: ApiKeyEntity; ownerRole: RoleName } | null> {
    const { entities, raw } = await this.keys
      .createQueryBuilder('key')
      .innerJoin(UserEntity, 'owner', 'owner.id = key.userId')
      .addSelect('owner.role', 'owner_role')
      .where('key.prefix = :prefix', { prefix })
      .getRawAndEntities<{ owner_role: RoleName }>();
    const [key] = entities;
    const [row] = raw;
    return key === undefined || row === undefined ? null : { key, ownerRole: row.owner_role };
  }

  /**
   * Records a use at `now` unless one was recorded after `notBefore`: a conditional UPDATE, so replicas
   * racing on the same key write it at most once per interval between them.
   */
  async recordUse(id: string, now: Date, notBefore: Date): Promise<void> {
    await this.keys.update(
      [
        { id, lastUsedAt: IsNull() },
        { id, lastUsedAt: LessThanOrEqual(notBefore) },
      ],
      { lastUsedAt: now },
    );
  }

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { userId }, order: { id: 'DESC' } });
  }

  /** Deletes the user's key; resolves false when the user has no such key. */
  async deleteForUser(id: string, userId: string): Promise<boolean> {
    const result = await this.keys.delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }
}
