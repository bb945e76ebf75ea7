import type { DynamicModule } from '@nestjs/common';
import {
  type AppConfig,
  type AppIdentity,
  type BuildInfo,
  ConfigValidationError,
  processConfig,
  readBuildInfo,
} from '@app/config';
import { createHttpApp, listenHttpApp } from './create-http-app';

export interface HttpAppSpec<Own extends object = object> {
  /** The app, its own variables included: `module` gets its sections too. */
  readonly identity: AppIdentity<Own>;
  readonly description: string;
  /** Folder holding build-info.json (the compiled main.js's folder). */
  readonly buildInfoDirectory: string;
  readonly module: (config: AppConfig & Own, buildInfo: BuildInfo) => DynamicModule;
}

/**
 * What every main.ts does: take the validated configuration (processConfig, the
 * config boundary: validated once per process, maybe already by the tracing
 * bootstrap), build the app, listen. A bad environment ends the process with
 * the list of bad variables and no stack trace.
 */
export async function runHttpApp<Own extends object = object>(spec: HttpAppSpec<Own>): Promise<void> {
  try {
    const config = processConfig(spec.identity);
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
