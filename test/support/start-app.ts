import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@app/http';
import { type AppConfig, type AppIdentity, type BuildInfo, loadConfig } from '@app/config';
import { Client } from 'pg';
import { e2eServiceEnv, uniqueName } from './service-env';

export interface RunningApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  /** http://127.0.0.1:<port> of the real listening socket. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export const TEST_BUILD_INFO: BuildInfo = {
  version: '0.0.0-test',
  commit: 'testcommit',
  buildTime: '2026-01-01T00:00:00Z',
};

export interface StartOptions {
  /** Extra environment for this instance. */
  readonly env?: Record<string, string>;
  /**
   * A database another instance already uses (DATABASE_URL with its schema,
   * or SQLITE_PATH), to run several instances on one database.
   */
  readonly shareDatabaseOf?: RunningApp;
  /** A port chosen beforehand (two apps that must know each other's URL); a free one otherwise. */
  readonly port?: number;
}

/**
 * Starts an app exactly as main.ts does (same module, same HTTP setup) on a
 * free loopback port, against the configured services or the embedded
 * defaults. Each instance gets its own database (a fresh PostgreSQL schema or
 * a throwaway SQLite file) and Redis key prefix, unless told to share.
 */
export async function startApp<Own extends object = object>(
  identity: AppIdentity<Own>,
  module: (config: AppConfig & Own, buildInfo: BuildInfo) => DynamicModule,
  options: StartOptions = {},
): Promise<RunningApp> {
  const scratch = mkdtempSync(join(tmpdir(), `${identity.name}-e2e-`));
  const services = e2eServiceEnv();
  const isolation = options.shareDatabaseOf
    ? shareDatabase(options.shareDatabaseOf.config)
    : await isolatedDatabase(services.DATABASE_URL, join(scratch, 'db.sqlite'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      REDIS_KEY_PREFIX: `${uniqueName(identity.name)}:`,
      ...services,
      ...isolation.env,
      ...options.env,
    },
    identity,
  );
  const app = await createHttpApp(module(config, TEST_BUILD_INFO), config, {
    title: identity.name,
    description: 'test',
    version: TEST_BUILD_INFO.version,
  });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('app is not listening on a TCP port');
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await isolation.drop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

interface DatabaseIsolation {
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/** PostgreSQL: a schema of its own, selected through the connection's search_path. */
async function isolatedDatabase(databaseUrl: string | undefined, sqlitePath: string): Promise<DatabaseIsolation> {
  if (databaseUrl === undefined) return { env: { SQLITE_PATH: sqlitePath }, drop: () => Promise.resolve() };
  const schema = uniqueName('e2e').replace(/[^a-z0-9_]/g, '_');
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => withClient(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
}

function shareDatabase(config: AppConfig): DatabaseIsolation {
  const env: Record<string, string> =
    config.database.type === 'postgres' ? { DATABASE_URL: config.database.url } : { SQLITE_PATH: config.database.path };
  return { env, drop: () => Promise.resolve() };
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
