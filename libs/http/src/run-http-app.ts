import type { DynamicModule } from '@nestjs/common';
import { type AppConfig, type AppIdentity, ConfigValidationError, loadConfig } from '@app/config';
import { type BuildInfo, readBuildInfo } from '@app/lifecycle';
import { createHttpApp, listenHttpApp } from './create-http-app';

export interface HttpAppSpec {
  readonly identity: AppIdentity;
  readonly description: string;
  /** Folder holding build-info.json (the compiled main.js's folder). */
  readonly buildInfoDirectory: string;
  readonly module: (config: AppConfig, buildInfo: BuildInfo) => DynamicModule;
}

/**
 * What every main.ts does: validate the environment once, build the app,
 * listen. The only place process.env is read. A bad environment ends the
 * process with the list of bad variables and no stack trace.
 */
export async function runHttpApp(spec: HttpAppSpec): Promise<void> {
  try {
    const config = loadConfig(process.env, spec.identity, { stdoutIsTty: process.stdout.isTTY === true });
    const buildInfo = readBuildInfo(spec.buildInfoDirectory);
    const app = await createHttpApp(spec.module(config, buildInfo), config, {
      title: spec.identity.name,
      description: spec.description,
      version: buildInfo.version,
    });
    await listenHttpApp(app, config);
  } catch (error) {
    if (error instanceof ConfigValidationError) console.error(`${spec.identity.name}: ${error.message}`);
    else console.error(`${spec.identity.name} failed to start`, error);
    process.exit(1);
  }
}
