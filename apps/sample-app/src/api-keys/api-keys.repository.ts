import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RoleName } from '@app/auth';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async create(key: ApiKeyEntity): Promise<void> {
    await this.keys.insert(key);
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

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { userId }, order: { id: 'DESC' } });
  }

  /** Deletes the user's key; resolves false when the user has no such key. */
  async deleteForUser(id: string, userId: string): Promise<boolean> {
    const result = await this.keys.delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }
}
