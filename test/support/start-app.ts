import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type BuildInfo, createHttpApp } from '@app/common';
import { type AppConfig, type AppIdentity, loadConfig } from '@app/config';
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

/**
 * Starts an app exactly as main.ts does (same module, same HTTP setup) on a
 * free loopback port, against the configured services or the embedded
 * defaults (a throwaway SQLite file, a unique Redis key prefix).
 */
export async function startApp(
  identity: AppIdentity,
  module: (config: AppConfig, buildInfo: BuildInfo) => DynamicModule,
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const scratch = mkdtempSync(join(tmpdir(), `${identity.name}-e2e-`));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      SQLITE_PATH: join(scratch, 'db.sqlite'),
      REDIS_KEY_PREFIX: `${uniqueName(identity.name)}:`,
      ...e2eServiceEnv(),
      ...env,
    },
    identity,
  );
  const app = await createHttpApp(module(config, TEST_BUILD_INFO), config, {
    title: identity.name,
    description: 'test',
    version: TEST_BUILD_INFO.version,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('app is not listening on a TCP port');
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
