import { loadConfig } from '@app/config';
import { dataSourceOptions, revertLastMigration, runMigrations } from '@app/database';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { requiredServiceUrls, uniqueName } from '../../../../test/support/service-env';
import { SAMPLE_APP } from '../sample-app.identity';
import { SAMPLE_APP_SCHEMA } from './schema';

const TABLES = ['api_keys', 'idempotency_keys', 'items', 'refresh_sessions', 'users'];

describe('sample-app migrations on PostgreSQL', () => {
  const { databaseUrl } = requiredServiceUrls();
  const schema = uniqueName('migrations').replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: databaseUrl });

  const dataSource = () => {
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }, SAMPLE_APP);
    return new DataSource({ ...dataSourceOptions(config, SAMPLE_APP_SCHEMA), logging: false });
  };

  const tables = async () =>
    (
      await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      )
    ).rows.map((row) => row.table_name);

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    jest.restoreAllMocks();
  });

  it('applies every migration exactly once when two processes run them at the same time', async () => {
    // GIVEN two independent connections to an empty schema, as two pods starting together
    const [first, second] = await Promise.all([dataSource().initialize(), dataSource().initialize()]);
    try {
      // WHEN both run the migrations concurrently
      const [a, b] = await Promise.all([runMigrations(first), runMigrations(second)]);
      // THEN one applied them all and the other found nothing to do
      expect([a.length, b.length].sort()).toEqual([0, SAMPLE_APP_SCHEMA.migrations.length]);
      expect(await tables()).toEqual([...TABLES, 'schema_migrations'].sort());
      const applied = await admin.query(`SELECT name FROM "${schema}".schema_migrations`);
      expect(applied.rowCount).toBe(SAMPLE_APP_SCHEMA.migrations.length);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('creates native uuid and timestamptz columns and enforces the unique email', async () => {
    const columns = await admin.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'users' ORDER BY column_name`,
      [schema],
    );
    expect(columns.rows).toEqual(
      expect.arrayContaining([
        { column_name: 'id', data_type: 'uuid' },
        { column_name: 'created_at', data_type: 'timestamp with time zone' },
      ]),
    );
    const insert = `INSERT INTO "${schema}".users (id, email, password_hash, role, created_at, updated_at)
                    VALUES (gen_random_uuid(), 'same@example.com', 'h', 'user', now(), now())`;
    await admin.query(insert);
    await expect(admin.query(insert)).rejects.toThrow(/users_email_key/);
  });

  it('reverts to an empty schema and can be applied again', async () => {
    const source = await dataSource().initialize();
    try {
      for (let left = Number(SAMPLE_APP_SCHEMA.migrations.length); left > 0; left -= 1) {
        await revertLastMigration(source);
      }
      expect(await tables()).toEqual(['schema_migrations']);
      expect((await runMigrations(source)).length).toBe(SAMPLE_APP_SCHEMA.migrations.length);
      expect(await tables()).toEqual([...TABLES, 'schema_migrations'].sort());
    } finally {
      await source.destroy();
    }
  });
});
