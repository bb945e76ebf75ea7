import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshSessionEntity } from './refresh-session.entity';

@Injectable()
export class RefreshSessionsRepository {
  constructor(@InjectRepository(RefreshSessionEntity) private readonly sessions: Repository<RefreshSessionEntity>) {}

  async create(session: Omit<RefreshSessionEntity, 'usedAt' | 'revokedAt'>): Promise<void> {
    await this.sessions.insert({ ...session, usedAt: null, revokedAt: null });
  }

  findById(id: string): Promise<RefreshSessionEntity | null> {
    return this.sessions.findOneBy({ id });
  }

  /**
   * Marks a session used, only if nobody did first. Two concurrent refreshes
   * with the same token: exactly one wins; the other is treated as reuse.
   */
  async markUsed(id: string, now: Date): Promise<boolean> {
    const result = await this.sessions.update({ id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.sessions.update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
