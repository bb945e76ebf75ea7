import { AccessTokenIssuer, PasswordHasher, SigningKeys } from '@app/auth';
import { loadConfig } from '@app/config';
import { FixedClock } from '../../test/fakes/fixed-clock';
import { InMemoryRefreshSessionsRepository, InMemoryUsersRepository } from '../../test/fakes/in-memory-identity';
import { SAMPLE_APP } from '../sample-app.identity';
import type { UsersRepository } from '../users/users.repository';
import { EmailTakenError, InvalidCredentialsError, InvalidRefreshTokenError } from './auth.errors';
import { AuthService } from './auth.service';
import type { RefreshSessionsRepository } from './refresh-sessions.repository';

const PASSWORD = 'correct horse battery staple';

describe(AuthService.name, () => {
  const config = loadConfig({ NODE_ENV: 'test', AUTH_REFRESH_TOKEN_TTL_SECONDS: '3600' }, SAMPLE_APP);
  const keys = new SigningKeys(config);
  let users: InMemoryUsersRepository;
  let sessions: InMemoryRefreshSessionsRepository;
  let hasher: PasswordHasher;
  let clock: FixedClock;
  let service: AuthService;

  beforeEach(async () => {
    users = new InMemoryUsersRepository();
    sessions = new InMemoryRefreshSessionsRepository();
    hasher = new PasswordHasher();
    clock = new FixedClock();
    service = new AuthService(
      users as unknown as UsersRepository,
      sessions as unknown as RefreshSessionsRepository,
      hasher,
      new AccessTokenIssuer(keys, config),
      clock,
      config,
    );
    await service.onModuleInit();
  });

  describe('register', () => {
    it('stores an Argon2id hash, never the password', async () => {
      const user = await service.register('Ada@Example.com', PASSWORD);
      expect(user).toMatchObject({ email: 'ada@example.com', role: 'user' });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('refuses an email that exists, whatever its case', async () => {
      await service.register('ada@example.com', PASSWORD);
      await expect(service.register('ADA@example.com', PASSWORD)).rejects.toBeInstanceOf(EmailTakenError);
    });
  });

  describe('login', () => {
    it('spends a password verification even for an unknown email, so timing does not reveal accounts', async () => {
      const verify = jest.spyOn(hasher, 'verify');
      await expect(service.login('ghost@example.com', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$/);
    });

    it('issues a pair with a refresh session that expires after the configured TTL', async () => {
      await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      expect(pair.expiresIn).toBe(config.auth.accessTokenTtlSeconds);
      const [session] = [...sessions.rows.values()];
      expect(session?.expiresAt.getTime()).toBe(clock.nowMs() + 3_600_000);
      expect(pair.refreshToken).not.toContain(session?.tokenHash ?? '');
    });
  });

  describe('refresh', () => {
    it('refuses an expired refresh token', async () => {
      await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      clock.advance(3_600_001);
      await expect(service.refresh(pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });

    it('keeps the family across rotations and revokes all of it on reuse', async () => {
      await service.register('ada@example.com', PASSWORD);
      const first = await service.login('ada@example.com', PASSWORD);
      const second = await service.refresh(first.refreshToken);
      const families = new Set([...sessions.rows.values()].map((row) => row.familyId));
      expect(families.size).toBe(1);
      await expect(service.refresh(first.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      expect([...sessions.rows.values()].every((row) => row.revokedAt !== null)).toBe(true);
      await expect(service.refresh(second.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });
  });

  describe('logout', () => {
    it('ignores tokens it does not know, and revokes the family of one it does', async () => {
      await expect(service.logout('nonsense')).resolves.toBeUndefined();
      await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      await service.logout(pair.refreshToken);
      await expect(service.refresh(pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });
  });
});
