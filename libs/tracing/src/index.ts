export { TracingModule } from './tracing.module';
export { type BootstrapTracingOptions, bootstrapTracing, startTracingFor } from './tracing-bootstrap';
export type { StartTracingOptions, TracingHandle } from './start-tracing';
export { activeTraceFields, sampledTraceFields, type TraceFields } from './trace-fields';
export { stopTracing } from './tracing-runtime';
export { type TracingSettings, tracingSettingsOf } from './tracing-settings';
export { isQuietPath } from './quiet-paths';
export { callOutsideUnsampledSpan } from './unsampled-span';
export { appTracer } from './unsampled-children';
