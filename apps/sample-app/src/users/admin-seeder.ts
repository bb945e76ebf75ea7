import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '@app/auth';
import { Clock } from '@app/lifecycle';
import { UsersRepository } from './users.repository';

export type SeedOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * Makes sure an admin account exists: creates it, or promotes an existing
 * user with that email and sets the given password. Safe to run repeatedly.
 */
@Injectable()
export class AdminSeeder {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async ensureAdmin(email: string, password: string): Promise<SeedOutcome> {
    const now = this.clock.now();
    const existing = await this.users.findByEmail(email);
    if (existing === null) {
      await this.users.create({ email, passwordHash: await this.passwords.hash(password), role: 'admin', now });
      return 'created';
    }
    const passwordMatches = await this.passwords.verify(existing.passwordHash, password);
    if (existing.role === 'admin' && passwordMatches) return 'unchanged';
    if (!passwordMatches) await this.users.setPasswordHash(existing.id, await this.passwords.hash(password), now);
    if (existing.role !== 'admin') await this.users.setRole(existing.id, 'admin', now);
    return 'promoted';
  }
}
