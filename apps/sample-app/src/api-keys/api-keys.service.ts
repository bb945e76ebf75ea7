import { Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal, type Scope, generateApiKey } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { Clock } from '@app/lifecycle';
import { v7 as uuidv7 } from 'uuid';
import type { ApiKeyEntity } from './api-key.entity';
import { ExpiryInPastError } from './api-keys.errors';
import { ApiKeysRepository } from './api-keys.repository';
import { encodeScopes } from './stored-scopes';

export interface CreatedApiKey {
  readonly entity: ApiKeyEntity;
  /** The only time the plain key exists outside the caller's hands. */
  readonly key: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
  ) {}

  /** A key for the caller, never with a scope the caller does not hold (no escalation, whatever the route allows). */
  async create(owner: Principal, name: string, scopes: readonly Scope[], expiresAt?: Date): Promise<CreatedApiKey> {
    const notHeld = scopes.filter((scope) => !owner.scopes.includes(scope));
    if (notHeld.length > 0)
      throw new ForbiddenError(`You cannot grant a scope you do not hold: ${notHeld.join(', ')}.`);
    const now = this.clock.now();
    if (expiresAt !== undefined && expiresAt.getTime() <= now.getTime()) {
      throw new ExpiryInPastError('expiresAt must be in the future.');
    }
    const generated = generateApiKey();
    const entity: ApiKeyEntity = {
      id: uuidv7(),
      userId: owner.userId,
      name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes: encodeScopes(scopes),
      expiresAt: expiresAt ?? null,
      lastUsedAt: null,
      createdAt: now,
    };
    await this.keys.create(entity);
    return { entity, key: generated.key };
  }

  list(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.listForUser(userId);
  }

  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.keys.deleteForUser(id, userId))) throw new NotFoundError(`You have no API key ${id}.`);
  }
}
