import { UnauthenticatedError } from './auth.errors';
import type { AccessTokenClaims } from './access-token-claims';
import { TokenVerifier } from './token-verifier';

/** For a service configured with API keys only: every access token is refused. */
export class NoTokenVerifier extends TokenVerifier {
  verify(): Promise<AccessTokenClaims> {
    return Promise.reject(new UnauthenticatedError('This service accepts API keys only.'));
  }
}
