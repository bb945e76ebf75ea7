import type { AppConfig } from '@app/config';
import { type JWTVerifyGetKey, jwtVerify } from 'jose';
import { UnauthenticatedError } from './auth.errors';
import { ROLE_NAMES, type RoleName } from './principal';

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
