import type { AppConfig, AppIdentity } from '@app/config';

/** What the tracing SDK needs, taken from the validated configuration. */
export interface TracingSettings {
  readonly serviceName: string;
  readonly serviceVersion: string;
  readonly deploymentEnvironment: string;
  readonly podName?: string;
  readonly podNamespace?: string;
  /** OTLP/HTTP traces endpoint; no export when undefined. */
  readonly otlpEndpoint?: string;
  /** Ratio of new traces sampled; a sampled parent is always followed. */
  readonly sampleRatio: number;
  /** OTEL_TRACES_SAMPLER is set: leave the sampler to the SDK's environment handling. */
  readonly samplerFromEnv: boolean;
  /** Only apps with a database load the pg instrumentation. */
  readonly usesDatabase: boolean;
}

export function tracingSettingsOf(config: AppConfig, identity: AppIdentity, serviceVersion: string): TracingSettings {
  return {
    serviceName: config.app.name,
    serviceVersion,
    deploymentEnvironment: config.tracing.deploymentEnvironment,
    podName: config.app.podName,
    podNamespace: config.app.podNamespace,
    otlpEndpoint: config.tracing.otlpEndpoint,
    sampleRatio: config.tracing.sampleRatio,
    samplerFromEnv: config.tracing.samplerFromEnv,
    usesDatabase: identity.usesDatabase,
  };
}
