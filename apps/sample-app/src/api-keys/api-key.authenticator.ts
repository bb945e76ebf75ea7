import { Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, type Principal, SCOPES, type Scope, apiKeyMatches, apiKeyPrefix } from '@app/auth';
import { Clock } from '@app/lifecycle';
import { ApiKeysRepository } from './api-keys.repository';

/**
 * API keys live in the database and are checked on every request, uncached,
 * so deleting a key takes effect on the very next request. The key acts as
 * its owner, narrowed to the scopes it was created with.
 */
@Injectable()
export class DatabaseApiKeyAuthenticator extends ApiKeyAuthenticator {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(key: string): Promise<Principal | undefined> {
    const prefix = apiKeyPrefix(key);
    if (prefix === undefined) return undefined;
    const found = await this.keys.findByPrefixWithOwnerRole(prefix);
    if (found === null) return undefined;
    const { key: stored, ownerRole } = found;
    if (!apiKeyMatches(key, stored.keyHash)) return undefined;
    if (stored.expiresAt !== null && stored.expiresAt.getTime() <= this.clock.nowMs()) return undefined;
    return {
      kind: 'api-key',
      userId: stored.userId,
      role: ownerRole,
      scopes: parseScopes(stored.scopes),
      credentialId: stored.id,
    };
  }
}

export function parseScopes(stored: string): Scope[] {
  return stored.split(' ').filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope));
}
