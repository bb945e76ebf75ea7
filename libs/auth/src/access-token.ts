import { type KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims, verifyAccessToken } from './access-token-claims';
import type { RoleName } from './principal';
import { SigningKeys } from './signing-keys';
import { TokenVerifier } from './token-verifier';

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly jti: string;
}

/** Signs short-lived RS256 access tokens carrying iss, aud, sub, exp, jti, roles and kid. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
  ) {}

  async issue(userId: string, role: RoleName): Promise<IssuedAccessToken> {
    const jti = randomUUID();
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const token = await new SignJWT({ roles: [role] })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: this.keys.signingKid, typ: 'JWT' })
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setSubject(userId)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.keys.signingKey);
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
