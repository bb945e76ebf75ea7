import type { DatabaseSchema } from '@app/database';

/** Entities and migrations of sample-app's database, in the order migrations apply. */
export const SAMPLE_APP_SCHEMA: DatabaseSchema = {
  entities: [],
  migrations: [],
};
