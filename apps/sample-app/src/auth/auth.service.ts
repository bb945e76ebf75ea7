import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccessTokenIssuer, PasswordHasher } from '@app/auth';
import { Clock } from '@app/lifecycle';
import { AppConfig } from '@app/config';
import { isUniqueViolation } from '@app/database';
import { v7 as uuidv7 } from 'uuid';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { EmailTakenError, InvalidCredentialsError, InvalidRefreshTokenError } from './auth.errors';
import type { RefreshSessionEntity } from './refresh-session.entity';
import { RefreshSessionsRepository } from './refresh-sessions.repository';
import { mintRefreshToken, parseRefreshToken, secretMatches } from './refresh-token';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
}

@Injectable()
export class AuthService implements OnModuleInit {
  /**
   * Hash checked when the email is unknown, so login spends the same Argon2
   * time whether or not the account exists (no user enumeration by timing).
   */
  private dummyHash = '';

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: RefreshSessionsRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.passwords.hash('timing-equaliser-for-unknown-users');
  }

  async register(email: string, password: string): Promise<UserEntity> {
    if ((await this.users.findByEmail(email)) !== null) throw this.emailTaken(email);
    const passwordHash = await this.passwords.hash(password);
    try {
      return await this.users.create({ email, passwordHash, role: 'user', now: this.clock.now() });
    } catch (error) {
      // Two registrations raced past the check; the unique index decided. Asked from the error first:
      // inside an idempotent request's transaction (decision 0090) no further query runs after it.
      if (isUniqueViolation(error) || (await this.users.findByEmail(email)) !== null) throw this.emailTaken(email);
      throw error;
    }
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const user = await this.users.findByEmail(email);
    const matches = await this.passwords.verify(user?.passwordHash ?? this.dummyHash, password);
    if (user === null || !matches) throw new InvalidCredentialsError('The email or the password is wrong.');
    return this.issue(user, uuidv7());
  }

  /**
   * Rotation: the presented token is spent and a new one of the same family
   * issued. A token that was already spent means it leaked (or was stolen and
   * used first): the whole family is revoked, logging out both holders.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const session = await this.findSession(refreshToken);
    if (session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime()) throw this.invalidRefresh();
    if (session.usedAt !== null || !(await this.sessions.markUsed(session.id, now))) {
      await this.sessions.revokeFamily(session.familyId, now);
      throw this.invalidRefresh();
    }
    const user = await this.users.findById(session.userId);
    if (user === null) throw this.invalidRefresh();
    return this.issue(user, session.familyId);
  }

  /** Ends the session family the token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const session = await this.sessionOf(refreshToken);
    if (session !== undefined) await this.sessions.revokeFamily(session.familyId, this.clock.now());
  }

  private async findSession(refreshToken: string): Promise<RefreshSessionEntity> {
    const session = await this.sessionOf(refreshToken);
    if (session === undefined) throw this.invalidRefresh();
    return session;
  }

  /** The session a well-formed token with the right secret names, whatever its state. */
  private async sessionOf(refreshToken: string): Promise<RefreshSessionEntity | undefined> {
    const parsed = parseRefreshToken(refreshToken);
    if (parsed === undefined) return undefined;
    const session = await this.sessions.findById(parsed.sessionId);
    return session !== null && secretMatches(parsed.secret, session.tokenHash) ? session : undefined;
  }

  private async issue(user: UserEntity, familyId: string): Promise<TokenPair> {
    const now = this.clock.now();
    const sessionId = uuidv7();
    const refresh = mintRefreshToken(sessionId);
    await this.sessions.create({
      id: sessionId,
      familyId,
      userId: user.id,
      tokenHash: refresh.secretHash,
      expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1_000),
      createdAt: now,
    });
    const access = await this.accessTokens.issue(user.id, user.role);
    return { accessToken: access.token, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }

  private emailTaken(email: string): EmailTakenError {
    return new EmailTakenError(`An account with the email ${email.toLowerCase()} already exists.`);
  }

  private invalidRefresh(): InvalidRefreshTokenError {
    return new InvalidRefreshTokenError('The refresh token is not valid; sign in again.');
  }
}
