export { DatabaseModule } from './database.module';
export { DatabaseReadinessCheck } from './database-readiness.check';
export { type DatabaseSchema, dataSourceOptions } from './data-source-options';
export { MIGRATION_LOCK_KEY, runMigrations, revertLastMigration } from './migration-runner';
export { type PortableColumnTypes, portableColumnTypes } from './portable-column-types';
export { isForeignKeyViolation, isUniqueViolation } from './constraint-violation';
export { joinTransaction, withinTransaction } from './request-transaction';
