import { AccessTokenIssuer, AccessTokenVerifier, PasswordHasher, SigningKeys } from '@app/auth';
import { loadConfig } from '@app/config';
import { QueryFailedError } from 'typeorm';
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
  const verifier = new AccessTokenVerifier(keys, config);
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
      await expect(service.register('ADA@example.com', PASSWORD)).rejects.toThrow(
        'An account with the email ada@example.com already exists.',
      );
    });

    it('answers a registration that lost the race to the unique index as the email taken', async () => {
      const violation = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate'), { code: '23505' }));
      jest.spyOn(users, 'create').mockRejectedValueOnce(violation);
      await expect(service.register('ada@example.com', PASSWORD)).rejects.toBeInstanceOf(EmailTakenError);
    });

    it('answers any failed insert as the email taken once the email exists, and rethrows it otherwise', async () => {
      const failure = new Error('connection reset');
      jest.spyOn(users, 'create').mockImplementationOnce(async (user) => {
        // The other registration's row landed between the check and this insert.
        await new InMemoryUsersRepository().create.call(users, user);
        throw failure;
      });
      await expect(service.register('ada@example.com', PASSWORD)).rejects.toBeInstanceOf(EmailTakenError);
      jest.spyOn(users, 'create').mockRejectedValueOnce(failure);
      await expect(service.register('grace@example.com', PASSWORD)).rejects.toBe(failure);
    });
  });

  describe('login', () => {
    it('spends a password verification even for an unknown email, so timing does not reveal accounts', async () => {
      const verify = jest.spyOn(hasher, 'verify');
      await expect(service.login('ghost@example.com', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$/);
    });

    it('refuses a wrong password with the same message as an unknown email', async () => {
      await service.register('ada@example.com', PASSWORD);
      for (const [email, password] of [
        ['ada@example.com', 'wrong horse battery staple'],
        ['ghost@example.com', PASSWORD],
      ] as const) {
        const login = service.login(email, password);
        await expect(login).rejects.toBeInstanceOf(InvalidCredentialsError);
        await expect(login).rejects.toThrow('The email or the password is wrong.');
      }
    });

    it('issues a Bearer access token for the user and their role, and a refresh token the service accepts', async () => {
      const user = await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      expect(pair.tokenType).toBe('Bearer');
      await expect(verifier.verify(pair.accessToken)).resolves.toMatchObject({ sub: user.id, roles: ['user'] });
      await expect(service.refresh(pair.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
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

    it('accepts a refresh token until the last millisecond before its expiry, and not at it', async () => {
      await service.register('ada@example.com', PASSWORD);
      const early = await service.login('ada@example.com', PASSWORD);
      const late = await service.login('ada@example.com', PASSWORD);
      clock.advance(3_599_999);
      await expect(service.refresh(early.refreshToken)).resolves.toBeDefined();
      clock.advance(1);
      const refresh = service.refresh(late.refreshToken);
      await expect(refresh).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      await expect(refresh).rejects.toThrow('The refresh token is not valid; sign in again.');
    });

    it('issues the new pair for the session’s user with their current role, in a session living a full TTL from now', async () => {
      const user = await service.register('ada@example.com', PASSWORD);
      const first = await service.login('ada@example.com', PASSWORD);
      await users.setRole(user.id, 'admin');
      clock.advance(60_000);
      const second = await service.refresh(first.refreshToken);
      await expect(verifier.verify(second.accessToken)).resolves.toMatchObject({ sub: user.id, roles: ['admin'] });
      const newest = [...sessions.rows.values()].at(-1);
      expect(newest).toMatchObject({ userId: user.id, createdAt: clock.now(), usedAt: null, revokedAt: null });
      expect(newest?.expiresAt.getTime()).toBe(clock.nowMs() + 3_600_000);
    });

    it('refuses a token whose session was marked used by a concurrent refresh, and revokes the family', async () => {
      await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      // The other refresh read the session as unused too, and won the conditional update.
      jest.spyOn(sessions, 'markUsed').mockResolvedValueOnce(false);
      await expect(service.refresh(pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      expect([...sessions.rows.values()].every((row) => row.revokedAt !== null)).toBe(true);
    });

    it('refuses the token of a deleted user', async () => {
      const user = await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      users.rows.delete(user.id);
      await expect(service.refresh(pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });

    it('refuses a token whose secret does not match its session, and a malformed one, without revoking anything', async () => {
      await service.register('ada@example.com', PASSWORD);
      const pair = await service.login('ada@example.com', PASSWORD);
      const [sessionId] = pair.refreshToken.split('.');
      await expect(service.refresh(`${sessionId}.${'A'.repeat(43)}`)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      await expect(service.refresh(`${sessionId}`)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      await expect(service.logout(`${sessionId}.${'A'.repeat(43)}`)).resolves.toBeUndefined();
      expect([...sessions.rows.values()].every((row) => row.revokedAt === null && row.usedAt === null)).toBe(true);
      await expect(service.refresh(pair.refreshToken)).resolves.toBeDefined();
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
