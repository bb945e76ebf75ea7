import { portableColumnTypes } from '@app/database';
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** users, refresh_sessions, api_keys, items: written once with the schema builder for PostgreSQL and SQLite. */
export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableColumnTypes(queryRunner);
    const uuidKey = { name: 'id', type: t.uuid, isPrimary: true };
    const timestamp = (name: string, isNullable = false) => ({ name, type: t.timestamp, isNullable });
    const ownedBy = (column: string) =>
      new TableForeignKey({
        columnNames: [column],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          uuidKey,
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [{ name: 'users_email_key', columnNames: ['email'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refresh_sessions',
        columns: [
          uuidKey,
          { name: 'family_id', type: t.uuid },
          { name: 'user_id', type: t.uuid },
          { name: 'token_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('revoked_at', true),
          timestamp('created_at'),
        ],
        foreignKeys: [ownedBy('user_id')],
      }),
    );
    await queryRunner.createIndex(
      'refresh_sessions',
      new TableIndex({ name: 'refresh_sessions_family_idx', columnNames: ['family_id'] }),
    );
    await queryRunner.createIndex(
      'refresh_sessions',
      new TableIndex({ name: 'refresh_sessions_user_idx', columnNames: ['user_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          uuidKey,
          { name: 'user_id', type: t.uuid },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'prefix', type: 'varchar', length: '32' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'scopes', type: 'varchar', length: '500' },
          timestamp('expires_at', true),
          timestamp('last_used_at', true),
          timestamp('created_at'),
        ],
        indices: [{ name: 'api_keys_prefix_key', columnNames: ['prefix'], isUnique: true }],
        foreignKeys: [ownedBy('user_id')],
      }),
    );
    await queryRunner.createIndex('api_keys', new TableIndex({ name: 'api_keys_user_idx', columnNames: ['user_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'items',
        columns: [
          uuidKey,
          { name: 'owner_id', type: t.uuid },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'description', type: 'varchar', length: '2000' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        foreignKeys: [ownedBy('owner_id')],
      }),
    );
    // Keyset pagination walks (created_at, id).
    await queryRunner.createIndex(
      'items',
      new TableIndex({ name: 'items_created_id_idx', columnNames: ['created_at', 'id'] }),
    );
    await queryRunner.createIndex('items', new TableIndex({ name: 'items_owner_idx', columnNames: ['owner_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('items');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('refresh_sessions');
    await queryRunner.dropTable('users');
  }
}
