import { v7 as uuidv7 } from 'uuid';
import type { RefreshSessionEntity } from '../../src/auth/refresh-session.entity';
import type { RoleName } from '@app/auth';
import type { UserEntity } from '../../src/users/user.entity';
import type { NewUser } from '../../src/users/users.repository';

/** UsersRepository's contract in memory (the real one runs in the e2e tiers). */
export class InMemoryUsersRepository {
  readonly rows = new Map<string, UserEntity>();

  findByEmail(email: string): Promise<UserEntity | null> {
    return Promise.resolve([...this.rows.values()].find((user) => user.email === email.toLowerCase()) ?? null);
  }

  findById(id: string): Promise<UserEntity | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  create(user: NewUser): Promise<UserEntity> {
    const entity: UserEntity = {
      id: uuidv7(),
      email: user.email.toLowerCase(),
      passwordHash: user.passwordHash,
      role: user.role,
      createdAt: user.now,
      updatedAt: user.now,
    };
    this.rows.set(entity.id, entity);
    return Promise.resolve(entity);
  }

  setRole(id: string, role: RoleName): Promise<void> {
    const user = this.rows.get(id);
    if (user !== undefined) user.role = role;
    return Promise.resolve();
  }
}

/** RefreshSessionsRepository's contract in memory, including the conditional markUsed. */
export class InMemoryRefreshSessionsRepository {
  readonly rows = new Map<string, RefreshSessionEntity>();

  create(session: Omit<RefreshSessionEntity, 'usedAt' | 'revokedAt'>): Promise<void> {
    this.rows.set(session.id, { ...session, usedAt: null, revokedAt: null });
    return Promise.resolve();
  }

  findById(id: string): Promise<RefreshSessionEntity | null> {
    const row = this.rows.get(id);
    return Promise.resolve(row === undefined ? null : { ...row });
  }

  markUsed(id: string, now: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (row === undefined || row.usedAt !== null || row.revokedAt !== null) return Promise.resolve(false);
    row.usedAt = now;
    return Promise.resolve(true);
  }

  revokeFamily(familyId: string, now: Date): Promise<void> {
    for (const row of this.rows.values()) if (row.familyId === familyId && row.revokedAt === null) row.revokedAt = now;
    return Promise.resolve();
  }
}
