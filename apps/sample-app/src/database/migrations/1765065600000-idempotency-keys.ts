import { portableColumnTypes } from '@app/database';
import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** idempotency_keys: the stored answers to creates sent with an Idempotency-Key (decision 0090). */
export class IdempotencyKeys1765065600000 implements MigrationInterface {
  name = 'IdempotencyKeys1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableColumnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'scope', type: 'varchar', length: '64', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'claim', type: 'varchar', length: '36' },
          { name: 'response', type: t.text, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'expires_at', type: t.timestamp },
        ],
      }),
    );
    // The sweep deletes by expiry.
    await queryRunner.createIndex(
      'idempotency_keys',
      new TableIndex({ name: 'idempotency_keys_expires_idx', columnNames: ['expires_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
