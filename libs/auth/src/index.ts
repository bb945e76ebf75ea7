export { AuthModule, type AuthModuleOptions } from './auth.module';
export { ApiCredentials, CurrentPrincipal, Roles, Scopes, SessionRequired } from './access.decorators';
export { AccessTokenIssuer, AccessTokenVerifier, type IssuedAccessToken } from './access-token';
export type { AccessTokenClaims } from './access-token-claims';
export { ApiKeyAuthenticator } from './api-key-authenticator';
export { bearerCredentialOf } from './bearer-credential';
export { clientIdentityOf } from './client-identity';
export { apiKeyMatches, apiKeyPrefix, generateApiKey, type GeneratedApiKey, hashApiKey } from './api-key-format';
export { ForbiddenError, UnauthenticatedError } from './auth.errors';
export { ANONYMOUS_PRINCIPAL, AuthGuard } from './auth.guard';
export { PasswordHasher } from './password-hasher';
export { type AuthenticatedRequest, type Principal, ROLE_NAMES, type RoleName, SCOPES, type Scope } from './principal';
export { RateLimitGuard, StrictRateLimit } from './rate-limit.guard';
export { RateLimitReadinessCheck } from './rate-limit-readiness.check';
export {
  FailOpenRateLimitStore,
  MemoryRateLimitStore,
  type RateLimitRecord,
  RateLimitStore,
  RedisRateLimitStore,
} from './rate-limit.store';
export { type PublicJwk, SigningKeys } from './signing-keys';
export { JwksTokenVerifier } from './jwks-token-verifier';
export { TokenVerifier } from './token-verifier';
export { matchesDigest, sha256Hex } from './secret-digest';
