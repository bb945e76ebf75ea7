import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { UnauthenticatedError } from './auth.errors';
import { ROLE_NAMES, type RoleName } from './principal';
import { SigningKeys } from './signing-keys';
import { TokenVerifier } from './token-verifier';

export const ACCESS_TOKEN_ALGORITHM = 'RS256';

export interface AccessTokenClaims {
  readonly sub: string;
  readonly roles: readonly RoleName[];
  readonly jti: string;
  readonly iss: string;
  readonly aud: string | string[];
  readonly exp: number;
  readonly iat: number;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly jti: string;
}

/** Signs short-lived RS256 access tokens carrying iss, aud, sub, exp, jti, roles and kid. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
  ) {}

  async issue(userId: string, role: RoleName): Promise<IssuedAccessToken> {
    const jti = randomUUID();
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const token = await this.jwt.signAsync(
      { roles: [role] },
      {
        algorithm: ACCESS_TOKEN_ALGORITHM,
        privateKey: this.keys.signingKeyPem,
        keyid: this.keys.signingKid,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        subject: userId,
        jwtid: jti,
        expiresIn,
      },
    );
    return { token, expiresIn, jti };
  }
}

/**
 * Verifies access tokens against the published keys. The algorithm is pinned
 * (no `none`, no HS256 made with the public key), the kid must name a known
 * key, and issuer, audience and expiry are checked. Every failure is the same 401.
 */
@Injectable()
export class AccessTokenVerifier extends TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const kid = this.kidOf(token);
    const publicKey = kid === undefined ? undefined : this.keys.publicKeyPem(kid);
    if (publicKey === undefined) throw new UnauthenticatedError('The access token is not valid.');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        publicKey,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
      });
    } catch {
      throw new UnauthenticatedError('The access token is not valid.');
    }
    if (!hasAccessTokenClaims(claims)) throw new UnauthenticatedError('The access token is not valid.');
    return claims;
  }

  private kidOf(token: string): string | undefined {
    const header = token.split('.')[0];
    if (header === undefined) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown; alg?: unknown };
      return parsed.alg === ACCESS_TOKEN_ALGORITHM && typeof parsed.kid === 'string' ? parsed.kid : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The claims this project's access tokens must carry beyond what signature,
 * issuer, audience and expiry checks cover; shared by every TokenVerifier.
 */
export function hasAccessTokenClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessTokenClaims {
  const roles = Array.isArray(payload.roles) ? (payload.roles as unknown[]) : [];
  return typeof payload.sub === 'string' && typeof payload.jti === 'string' && roles.length > 0 && roles.every(isRole);
}

function isRole(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}
