import type { AccessTokenClaims } from './access-token-claims';

/**
 * Turns a bearer access token into its verified claims, or throws
 * UnauthenticatedError. sample-app verifies with its own keys; other services
 * (llm-app) with the public keys sample-app publishes at its JWKS URL.
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<AccessTokenClaims>;
}
