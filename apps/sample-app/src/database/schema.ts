import type { DatabaseSchema } from '@app/database';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { RefreshSessionEntity } from '../auth/refresh-session.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { ItemEntity } from '../items/item.entity';
import { UserEntity } from '../users/user.entity';
import { InitialSchema1764230400000 } from './migrations/1764230400000-initial-schema';
import { IdempotencyKeys1765065600000 } from './migrations/1765065600000-idempotency-keys';

/** Entities and migrations of sample-app's database, in the order migrations apply. */
export const SAMPLE_APP_SCHEMA: DatabaseSchema = {
  entities: [UserEntity, RefreshSessionEntity, ApiKeyEntity, ItemEntity, IdempotencyKeyEntity],
  migrations: [InitialSchema1764230400000, IdempotencyKeys1765065600000],
};
