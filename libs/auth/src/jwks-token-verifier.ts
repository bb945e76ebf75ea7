import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { type JWTVerifyGetKey, createRemoteJWKSet } from 'jose';
import { type AccessTokenClaims, verifyAccessToken } from './access-token-claims';
import { TokenVerifier } from './token-verifier';

/**
 * Verifies access tokens against the issuer's published JWK Set
 * (AUTH_JWKS_URL), without ever holding a private key. Keys are fetched on
 * first use and cached; an unknown `kid` triggers one refetch (rotation),
 * rate-limited so forged kids cannot hammer the issuer. The same pins apply
 * as for local verification: RS256 only, issuer, audience, expiry.
 */
@Injectable()
export class JwksTokenVerifier extends TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AppConfig) {
    super();
    const url = config.auth.jwksUrl;
    if (url === undefined) throw new Error('JwksTokenVerifier needs AUTH_JWKS_URL');
    this.keys = createRemoteJWKSet(new URL(url), {
      timeoutDuration: 2_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
  }

  verify(token: string): Promise<AccessTokenClaims> {
    return verifyAccessToken(token, this.keys, this.config);
  }
}
