import { type Span, TraceFlags, context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * True for a span of this process that the sampler left out. A parent-based sampler never records
 * such a span's children (its `localParentNotSampled` is always-off), and neither does any other
 * sampler the SDK reads from OTEL_TRACES_SAMPLER (a ratio sampler decides by the trace id, which the
 * children share), so a child of it can be skipped without asking the SDK (decision 0145).
 */
export function isUnsampledLocalSpan(span: Span | undefined): span is Span {
  if (span === undefined) return false;
  const spanContext = span.spanContext();
  return (
    spanContext.isRemote !== true &&
    (spanContext.traceFlags & TraceFlags.SAMPLED) === 0 &&
    isSpanContextValid(spanContext)
  );
}

/**
 * Calls `original` on `self` with no active span when the active span is an unsampled one;
 * otherwise as is. For the clients whose instrumentations make one span per call, Redis commands
 * and SQL queries (decision 0145): their `requireParentSpan` asks only that some span be active,
 * and an unsampled request's non-recording span is one, so every command still built its
 * attributes, a span id and a span object no exporter would see. A sampled request's spans are
 * made as before, and lines the caller logs keep their trace ids (the changed context ends with
 * the call).
 */
export function callOutsideUnsampledSpan<This, Args extends unknown[], Result>(
  original: (this: This, ...args: Args) => Result,
  self: This,
  args: Args,
): Result {
  const active = context.active();
  if (!isUnsampledLocalSpan(trace.getSpan(active))) return original.apply(self, args);
  return context.with(trace.deleteSpan(active), original, self, ...args);
}
