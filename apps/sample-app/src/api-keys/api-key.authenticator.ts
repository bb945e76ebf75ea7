import { Injectable, Logger } from '@nestjs/common';
import { ApiKeyAuthenticator, type Principal, apiKeyMatches, apiKeyPrefix } from '@app/auth';
import { Clock } from '@app/lifecycle';
import { ApiKeysRepository } from './api-keys.repository';
import { decodeScopes } from './stored-scopes';

/** lastUsedAt is written at most this often per key: a use a minute apart tells an owner as much as every use. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys live in the database and are checked on every request, uncached,
 * so deleting a key takes effect on the very next request. The key acts as
 * its owner, narrowed to the scopes it was created with. A successful use
 * updates the key's lastUsedAt, at most once a minute.
 */
@Injectable()
export class DatabaseApiKeyAuthenticator extends ApiKeyAuthenticator {
  private readonly logger = new Logger(DatabaseApiKeyAuthenticator.name);

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
    const now = this.clock.nowMs();
    if (stored.expiresAt !== null && stored.expiresAt.getTime() <= now) return undefined;
    if (stored.lastUsedAt === null || stored.lastUsedAt.getTime() <= now - LAST_USED_RESOLUTION_MS) {
      await this.recordUse(stored.id, now);
    }
    return {
      kind: 'api-key',
      userId: stored.userId,
      role: ownerRole,
      scopes: decodeScopes(stored.scopes),
      credentialId: stored.id,
    };
  }

  /** Bookkeeping only: a failed write never refuses a caller whose key is valid. */
  private async recordUse(id: string, now: number): Promise<void> {
    try {
      await this.keys.recordUse(id, new Date(now), new Date(now - LAST_USED_RESOLUTION_MS));
    } catch (error) {
      this.logger.warn(`could not record the use of API key ${id}: ${(error as Error).message}`);
    }
  }
}
