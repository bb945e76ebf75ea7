import type { QueryRunner } from 'typeorm';

export interface PortableColumnTypes {
  readonly uuid: string;
  readonly timestamp: string;
  readonly text: string;
}

/**
 * Column types for migrations that run unchanged on PostgreSQL and SQLite.
 * Entities leave types to TypeORM (Date, string); migrations pick the real
 * storage: native uuid and timestamptz on PostgreSQL.
 */
export function portableColumnTypes(queryRunner: QueryRunner): PortableColumnTypes {
  return queryRunner.connection.options.type === 'postgres'
    ? { uuid: 'uuid', timestamp: 'timestamptz', text: 'text' }
    : { uuid: 'varchar(36)', timestamp: 'datetime', text: 'text' };
}
