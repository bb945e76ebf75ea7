import { TraceBuffer } from './trace-buffer';

/**
 * The SDK starts before Nest (src/tracing.ts) and lives as long as the
 * process, so the buffer its processor fills is process-wide too; Nest
 * injects this same instance into the /traces controller.
 */
let processBuffer: TraceBuffer | undefined;

export function processTraceBuffer(capacity: number): TraceBuffer {
  processBuffer ??= new TraceBuffer(capacity);
  return processBuffer;
}
