import { type KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { type JWTVerifyGetKey, jwtVerify } from 'jose';
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
        privateKey: this.keys.signingKey,
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
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
  ) {
    super();
  }

  verify(token: string): Promise<AccessTokenClaims> {
    return verifyAccessToken(token, (header) => this.keyFor(header.kid), this.config);
  }

  private keyFor(kid: string | undefined): KeyObject {
    const key = kid === undefined ? undefined : this.keys.publicKey(kid);
    if (key === undefined) throw new Error('unknown kid');
    return key;
  }
}

/**
 * The checks every TokenVerifier makes, whatever its keys: RS256 only, a key
 * the getter knows, issuer, audience, expiry and the project's claims. Every
 * failure is the same 401.
 */
export async function verifyAccessToken(
  token: string,
  keys: JWTVerifyGetKey,
  config: AppConfig,
): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
    if (!hasAccessTokenClaims(payload)) throw new Error('claims missing');
    return payload;
  } catch {
    throw new UnauthenticatedError('The access token is not valid.');
  }
}

/**
 * The claims this project's access tokens must carry beyond what signature,
 * issuer, audience and expiry checks cover; shared by every TokenVerifier.
 */
function hasAccessTokenClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessTokenClaims {
  const roles = Array.isArray(payload.roles) ? (payload.roles as unknown[]) : [];
  return typeof payload.sub === 'string' && typeof payload.jti === 'string' && roles.length > 0 && roles.every(isRole);
}

function isRole(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}
