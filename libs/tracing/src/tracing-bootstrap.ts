import { type AppConfig, type AppIdentity, ConfigValidationError, processConfig, readBuildInfo } from '@app/config';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type * as StartTracingModule from './start-tracing';
import type { StartTracingOptions, TracingHandle } from './start-tracing';
import { setRunningTracing } from './tracing-runtime';
import { tracingSettingsOf } from './tracing-settings';

export interface BootstrapTracingOptions<Own extends object = object> {
  /** Span processors the app adds next to the exporter's, built from its validated configuration. */
  readonly spanProcessors?: (config: AppConfig & Own) => SpanProcessor[];
  /** Path prefixes not to trace (the app's own telemetry views). */
  readonly untracedPathPrefixes?: readonly string[];
}

/**
 * The one step that runs before Nest is loaded (each app's src/tracing.ts,
 * imported first by main.ts), so the instrumentations can patch http, pg,
 * ioredis and undici before anything requires them. It validates the environment
 * (processConfig: once per process, so runHttpApp later gets the same object) and
 * reads build-info.json (readBuildInfo: parsed once). With tracing off the SDK is
 * never even loaded.
 */
export function bootstrapTracing<Own extends object = object>(
  identity: AppIdentity<Own>,
  buildInfoDirectory: string,
  options: BootstrapTracingOptions<Own> = {},
): void {
  let config;
  try {
    config = processConfig(identity);
  } catch (error) {
    // runHttpApp reports a bad environment, with every problem, a moment later.
    if (error instanceof ConfigValidationError) return;
    throw error;
  }
  if (!config.tracing.enabled) return;
  setRunningTracing(
    startTracingFor(config, identity, readBuildInfo(buildInfoDirectory).version, {
      operatorAttributeKeys: new Set(config.tracing.operatorAttributeKeys),
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
