import { Injectable } from '@nestjs/common';
import { joinTransaction } from '@app/database';
import { InjectRepository } from '@nestjs/typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Repository } from 'typeorm';
import type { RoleName } from '@app/auth';
import { UserEntity } from './user.entity';

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly role: RoleName;
  readonly now: Date;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>) {}

  /** The request's transaction when an idempotent create opened one (decision 0090), else the pool. */
  private get users(): Repository<UserEntity> {
    return joinTransaction(this.repository);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  async create(user: NewUser): Promise<UserEntity> {
    const entity = this.users.create({
      id: uuidv7(),
      email: user.email.toLowerCase(),
      passwordHash: user.passwordHash,
      role: user.role,
      createdAt: user.now,
      updatedAt: user.now,
    });
    // insert, not save: the id is new, so save's SELECT to choose between insert and update is wasted.
    await this.users.insert(entity);
    return entity;
  }

  /** Newest first; `after` is the id of the last user of the previous page. */
  list(limit: number, after?: string): Promise<UserEntity[]> {
    const query = this.users.createQueryBuilder('user').orderBy('user.id', 'DESC').limit(limit);
    if (after !== undefined) query.where('user.id < :after', { after });
    return query.getMany();
  }

  async setRole(id: string, role: RoleName, now: Date): Promise<void> {
    await this.users.update({ id }, { role, updatedAt: now });
  }

  async setPasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.users.update({ id }, { passwordHash, updatedAt: now });
  }
}
