import type { BootstrapTracingOptions } from '@app/tracing';
import type { LlmAppSections } from '../config/llm-app-env';
import { processTraceBuffer } from './process-trace-buffer';
import { TraceBufferSpanProcessor } from './trace-buffer.processor';

/** The trace views' own requests are not traced: polling them would push real traces out of the buffer. */
export const TRACES_PATH = '/traces';

/** llm-app traces into its in-memory buffer as well as to OTLP, when configured. */
export const llmTracingOptions: BootstrapTracingOptions<LlmAppSections> = {
  spanProcessors: (config) => [new TraceBufferSpanProcessor(processTraceBuffer(config.llm.telemetry.traceBufferSize))],
  untracedPathPrefixes: [TRACES_PATH],
};
