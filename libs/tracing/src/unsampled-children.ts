import {
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerOptions,
  type TracerProvider,
  context,
  trace,
} from '@opentelemetry/api';
import { isUnsampledLocalSpan } from './unsampled-span';

/**
 * A tracer that answers a span started under an unsampled span of this process with that parent's
 * context, without asking the SDK (decision 0145). The SDK would come to the same answer (a
 * non-recording span) after generating a span id, copying the attributes, asking the sampler and
 * counting the span: per request, @fastify/otel's handler span under the unsampled request span.
 */
class UnsampledChildrenTracer implements Tracer {
  constructor(private readonly tracer: Tracer) {}

  startSpan(name: string, options: SpanOptions = {}, parentContext: Context = context.active()): Span {
    const parent = options.root === true ? undefined : trace.getSpan(parentContext);
    if (isUnsampledLocalSpan(parent)) return trace.wrapSpanContext(parent.spanContext());
    return this.tracer.startSpan(name, options, parentContext);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    parentContext: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : {};
    const parentContext = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options, parentContext);
    return context.with(trace.setSpan(parentContext, span), () => fn(span) as ReturnType<F>);
  }
}

/** `provider`'s tracers, wrapped so that children of unsampled spans cost one object each. */
export function unsampledChildrenSkipped(provider: TracerProvider): TracerProvider {
  return {
    getTracer: (name: string, version?: string, options?: TracerOptions) =>
      new UnsampledChildrenTracer(provider.getTracer(name, version, options)),
  };
}

/**
 * The tracer an app starts its own spans with (llm-app's GenAI spans, say): the global provider's,
 * wrapped as the instrumentations' are, so that a span under an unsampled request costs one object
 * instead of the SDK's span id, sampler call and attribute copy (decision 0152).
 */
export function appTracer(name: string): Tracer {
  return unsampledChildrenSkipped(trace.getTracerProvider()).getTracer(name);
}
