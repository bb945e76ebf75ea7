import type { Principal } from './principal';

/**
 * Turns an API key into a principal. Each app decides where keys live
 * (sample-app: its database; llm-app: its configuration) and provides an
 * implementation to AuthModule. Resolves undefined for any key it does not
 * accept (unknown, revoked, expired).
 */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<Principal | undefined>;
}
