import { TraceFlags, isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceFields {
  readonly trace_id: string;
  readonly span_id: string;
}

/**
 * The trace and span ids of the span active in the current async context, as
 * log fields (and exemplar labels). Empty when tracing is off or no span is
 * active: without a registered context manager this is one cheap lookup.
 */
export function activeTraceFields(): Partial<TraceFields> {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const context = span.spanContext();
  if (!isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

/** Like activeTraceFields, but only for a sampled trace: one a backend will have. */
export function sampledTraceFields(): TraceFields | undefined {
  const span = trace.getActiveSpan();
  if (span === undefined) return undefined;
  const context = span.spanContext();
  if (!isSpanContextValid(context) || (context.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
  return { trace_id: context.traceId, span_id: context.spanId };
}
