import type { DatabaseSchema } from '@app/database';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { RefreshSessionEntity } from '../auth/refresh-session.entity';
import { ItemEntity } from '../items/item.entity';
import { UserEntity } from '../users/user.entity';
import { InitialSchema1764230400000 } from './migrations/1764230400000-initial-schema';

/** Entities and migrations of sample-app's database, in the order migrations apply. */
export const SAMPLE_APP_SCHEMA: DatabaseSchema = {
  entities: [UserEntity, RefreshSessionEntity, ApiKeyEntity, ItemEntity],
  migrations: [InitialSchema1764230400000],
};
