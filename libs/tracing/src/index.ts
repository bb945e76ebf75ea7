export { TracingModule } from './tracing.module';
export { bootstrapTracing } from './tracing-bootstrap';
export { activeTraceFields, sampledTraceFields, type TraceFields } from './trace-fields';
export { isTracingRunning, stopTracing } from './tracing-runtime';
export { type TracingSettings, tracingSettingsOf } from './tracing-settings';
export { UNTRACED_PATHS, isUntracedPath } from './quiet-paths';
