import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, type AppIdentity, ConfigValidationError, loadConfig } from '@app/config';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type * as StartTracingModule from './start-tracing';
import type { StartTracingOptions, TracingHandle } from './start-tracing';
import { setRunningTracing } from './tracing-runtime';
import { tracingSettingsOf } from './tracing-settings';

export interface BootstrapTracingOptions {
  /** Span processors the app adds next to the exporter's, built from its validated configuration. */
  readonly spanProcessors?: (config: AppConfig) => SpanProcessor[];
  /** Path prefixes not to trace (the app's own telemetry views). */
  readonly untracedPathPrefixes?: readonly string[];
}

/**
 * The one step that runs before Nest is loaded (each app's src/tracing.ts,
 * imported first by main.ts), so the instrumentations can patch http, pg,
 * ioredis and undici before anything requires them. That is why it reads
 * process.env itself. With tracing off the SDK is never even loaded.
 */
export function bootstrapTracing(
  identity: AppIdentity,
  buildInfoDirectory: string,
  options: BootstrapTracingOptions = {},
): void {
  let config;
  try {
    config = loadConfig(process.env, identity);
  } catch (error) {
    // runHttpApp reports a bad environment, with every problem, a moment later.
    if (error instanceof ConfigValidationError) return;
    throw error;
  }
  if (!config.tracing.enabled) return;
  setRunningTracing(
    startTracingFor(config, identity, serviceVersionIn(buildInfoDirectory), {
      operatorAttributeKeys: operatorAttributeKeys(process.env),
      extraSpanProcessors: options.spanProcessors?.(config) ?? [],
      untracedPathPrefixes: options.untracedPathPrefixes ?? [],
    }),
  );
}

/** Starts the SDK for a validated configuration; the bootstrap's core, and what tests call directly. */
export function startTracingFor(
  config: AppConfig,
  identity: AppIdentity,
  serviceVersion: string,
  options: StartTracingOptions,
): TracingHandle {
  // Loaded only now: requiring the SDK and its instrumentations costs start-up time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./start-tracing') as typeof StartTracingModule;
  return startTracing(tracingSettingsOf(config, identity, serviceVersion), options);
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
