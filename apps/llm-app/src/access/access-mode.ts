import { Logger } from '@nestjs/common';
import type { Principal } from '@app/auth';
import type { LlmAppConfig } from '../config/llm-app-config';

const ANONYMOUS: Principal = {
  kind: 'anonymous',
  userId: 'anonymous',
  role: 'user',
  scopes: ['llm:invoke'],
  credentialId: 'anonymous',
};

/**
 * With neither AUTH_JWKS_URL nor LLM_API_KEY_SHA256 set, llm-app serves
 * anyone: convenient for `npm start`, and said loudly at boot. Production
 * configuration refuses this state (libs/config).
 */
export function anonymousPrincipalIfAuthIsOff(config: LlmAppConfig): Principal | undefined {
  const authOff = config.auth.jwksUrl === undefined && config.llm.apiKeyHashes.length === 0;
  if (!authOff) return undefined;
  if (config.app.env !== 'test') {
    new Logger('Access').warn(
      'auth is OFF: neither AUTH_JWKS_URL nor LLM_API_KEY_SHA256 is set, so every request is served anonymously (refused in production)',
    );
  }
  return ANONYMOUS;
}
