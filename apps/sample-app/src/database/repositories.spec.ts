import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/database';
import { DataSource } from 'typeorm';
import { type TwoConnections, describeRepositoryContract } from '../../test/repositories.contract';
import { SAMPLE_APP } from '../sample-app.identity';
import { SAMPLE_APP_SCHEMA } from './schema';

// The embedded database needs no service, so its half of the repository contract is a unit test.
describe('sample-app repositories on SQLite', () => {
  let scratch: string;
  let connections: TwoConnections;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'repositories-'));
    const config = loadConfig({ SQLITE_PATH: join(scratch, 'db.sqlite') }, SAMPLE_APP);
    const open = () => new DataSource({ ...dataSourceOptions(config, SAMPLE_APP_SCHEMA), logging: false }).initialize();
    const first = await open();
    await runMigrations(first);
    connections = { first, second: await open() };
  });

  afterAll(async () => {
    await connections.first.destroy();
    await connections.second.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  describeRepositoryContract('SQLite', () => connections);
});
