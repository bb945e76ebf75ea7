import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { type AppIdentity, loadConfig } from '@app/config';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { requiredServiceUrls } from '../../../test/support/service-env';
import { dataSourceOptions } from './data-source-options';

const IDENTITY: AppIdentity = { name: 'pool-error-test', defaultPort: 0, usesDatabase: true, issuesTokens: false };

describe('the PostgreSQL pool error handler of dataSourceOptions', () => {
  const { databaseUrl } = requiredServiceUrls();

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('turns an idle connection ended by pg_terminate_backend into one structured warning, not TypeORM plain text', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const config = loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '1', LOG_LEVEL: 'silent' }, IDENTITY);
    const dataSource = await new DataSource({
      ...dataSourceOptions(config, { entities: [], migrations: [] }),
    }).initialize();
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      // GIVEN the pool's one connection, idle, and its server process id
      const [row] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      // WHEN an operator ends that backend (only ours: the shared server keeps running)
      await admin.query('SELECT pg_terminate_backend($1)', [row?.pid]);
      for (let waited = 0; warn.mock.calls.length === 0 && waited < 5_000; waited += 50) await sleep(50);
      // THEN one structured warning names the driver's code, and TypeORM's own line never came
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatchObject({
        msg: 'a pooled database connection failed; the pool replaces it',
        code: '57P01',
      });
      const everything = JSON.stringify([...warn.mock.calls, ...log.mock.calls]);
      expect(everything).not.toContain('Postgres pool raised an error');
      expect(everything).not.toContain(new URL(databaseUrl).host);
      // AND the pool serves the next query on a new connection
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await dataSource.destroy();
    }
  });
});
