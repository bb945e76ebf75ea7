import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { dataSourceOptions, revertLastMigration, runMigrations } from '@app/database';
import { DataSource } from 'typeorm';
import { SAMPLE_APP } from '../sample-app.identity';
import { SAMPLE_APP_SCHEMA } from './schema';

// The same migrations on the embedded database: SQLite needs no service, so this is a unit test.
describe('sample-app migrations on SQLite', () => {
  let scratch: string;
  let source: DataSource;

  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'migrations-'));
    const config = loadConfig({ SQLITE_PATH: join(scratch, 'db.sqlite') }, SAMPLE_APP);
    source = await new DataSource({ ...dataSourceOptions(config, SAMPLE_APP_SCHEMA), logging: false }).initialize();
  });

  afterEach(async () => {
    await source.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  const tables = async () =>
    (
      await source.query<{ name: string }[]>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
    ).map((row) => row.name);

  it('creates every table, then reverts to none, then applies again', async () => {
    expect((await runMigrations(source)).length).toBe(SAMPLE_APP_SCHEMA.migrations.length);
    expect(await tables()).toEqual([
      'api_keys',
      'idempotency_keys',
      'items',
      'refresh_sessions',
      'schema_migrations',
      'users',
    ]);
    await revertLastMigration(source);
    expect(await tables()).toEqual(['api_keys', 'items', 'refresh_sessions', 'schema_migrations', 'users']);
    await revertLastMigration(source);
    expect(await tables()).toEqual(['schema_migrations']);
    expect((await runMigrations(source)).length).toBe(SAMPLE_APP_SCHEMA.migrations.length);
  });

  // The foreign keys' cascades are in the repository contract (test/repositories.contract.ts).
  it('finds nothing to do the second time', async () => {
    await runMigrations(source);
    expect(await runMigrations(source)).toEqual([]);
  });
});
