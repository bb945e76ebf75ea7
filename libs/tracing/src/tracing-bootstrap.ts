import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppIdentity, ConfigValidationError, loadConfig } from '@app/config';
import type * as StartTracingModule from './start-tracing';
import { setRunningTracing } from './tracing-runtime';
import { tracingSettingsOf } from './tracing-settings';

/**
 * The one step that runs before Nest is loaded (each app's src/tracing.ts,
 * imported first by main.ts), so the instrumentations can patch http, pg,
 * ioredis and undici before anything requires them. That is why it reads
 * process.env itself. With tracing off the SDK is never even loaded.
 */
export function bootstrapTracing(identity: AppIdentity, buildInfoDirectory: string): void {
  let config;
  try {
    config = loadConfig(process.env, identity);
  } catch (error) {
    // runHttpApp reports a bad environment, with every problem, a moment later.
    if (error instanceof ConfigValidationError) return;
    throw error;
  }
  if (!config.tracing.enabled) return;
  // Loaded only now: requiring the SDK and its instrumentations costs start-up time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./start-tracing') as typeof StartTracingModule;
  const settings = tracingSettingsOf(config, identity, serviceVersionIn(buildInfoDirectory));
  setRunningTracing(startTracing(settings, { operatorAttributeKeys: operatorAttributeKeys(process.env) }));
}

/** Resource attributes the operator set through the standard variables. */
function operatorAttributeKeys(env: NodeJS.ProcessEnv): Set<string> {
  const keys = new Set(
    (env.OTEL_RESOURCE_ATTRIBUTES ?? '')
      .split(',')
      .map((pair) => pair.split('=')[0]?.trim() ?? '')
      .filter((key) => key.length > 0),
  );
  if (env.OTEL_SERVICE_NAME) keys.add('service.name');
  return keys;
}

/** build-info.json's version (written by `npm run build`), "dev" when running from source. */
function serviceVersionIn(directory: string): string {
  try {
    const { version } = JSON.parse(readFileSync(join(directory, 'build-info.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'dev';
  }
}
