export { DatabaseModule } from './database.module';
export { DatabaseReadinessCheck } from './database-readiness.check';
export { type DatabaseSchema, dataSourceOptions } from './data-source-options';
