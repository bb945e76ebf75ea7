import FastifyOtelInstrumentation from '@fastify/otel';
import { type Attributes, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startNodeSdk } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import { isQuietPath } from './quiet-paths';
import { nameServerSpan } from './server-span';
import { reportTelemetryErrors } from './telemetry-errors';
import { unsampledChildrenSkipped } from './unsampled-children';
import type { TracingSettings } from './tracing-settings';

export interface TracingHandle {
  /** Ends the batch: exports what is buffered, then stops the SDK. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Resource attribute keys the operator already set (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES): theirs win. */
  readonly operatorAttributeKeys?: ReadonlySet<string>;
  /** Processors the app adds next to the exporter's (llm-app's in-memory trace buffer). */
  readonly extraSpanProcessors?: readonly SpanProcessor[];
  /** Path prefixes of the app's own telemetry views, traced no more than /metrics is. */
  readonly untracedPathPrefixes?: readonly string[];
  /**
   * False in tests: jest runs many files in one process, and instrumentations
   * subscribe to process-wide diagnostics channels a later file would inherit.
   */
  readonly instrumented?: boolean;
}

/**
 * Starts the OpenTelemetry SDK with only the instrumentations these apps use
 * (auto-instrumentations-node costs seconds of start-up), W3C trace context,
 * a parent-based ratio sampler and OTLP/HTTP export when an endpoint is set.
 * Must run before fastify, pg, ioredis or undici are loaded.
 */
export function startTracing(settings: TracingSettings, options: StartTracingOptions = {}): TracingHandle {
  const instrumentations =
    options.instrumented === false ? [] : instrumentationsFor(settings, options.untracedPathPrefixes ?? []);
  const handle = startNodeSdk({
    resourceAttributes: resourceAttributesOf(settings, options.operatorAttributeKeys ?? new Set()),
    spanProcessors: [spanProcessorFor(settings), ...(options.extraSpanProcessors ?? [])],
    ...(settings.samplerFromEnv
      ? {}
      : { sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }) }),
    // Metrics go through prom-client and logs through pino: the SDK does traces only.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations,
  });
  // The instrumentations' children of an unsampled span (the request's handler span, a client span)
  // skip the SDK's span machinery; the SDK's own tracer provider, now global, does the rest.
  const provider = unsampledChildrenSkipped(trace.getTracerProvider());
  for (const instrumentation of instrumentations) instrumentation.setTracerProvider(provider);
  // After the SDK, which sets a console diag logger of its own (multi-line, with stacks).
  reportTelemetryErrors();
  return handle;
}

export function resourceAttributesOf(settings: TracingSettings, operatorKeys: ReadonlySet<string>): Attributes {
  const attributes: Attributes = {
    'service.name': settings.serviceName,
    'service.version': settings.serviceVersion,
    'deployment.environment.name': settings.deploymentEnvironment,
    'k8s.pod.name': settings.podName,
    'k8s.namespace.name': settings.podNamespace,
  };
  return Object.fromEntries(
    Object.entries(attributes).filter(([key, value]) => value !== undefined && !operatorKeys.has(key)),
  );
}

function spanProcessorFor(settings: TracingSettings): SpanProcessor {
  // The exporter reads OTEL_EXPORTER_OTLP_* itself (endpoint, /v1/traces suffix, headers, timeout).
  if (settings.otlpEndpoint !== undefined) return new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
  // No backend: spans still give logs and exemplars their trace ids, then are dropped.
  return new NoopSpanProcessor();
}

function instrumentationsFor(settings: TracingSettings, prefixes: readonly string[]): Instrumentation[] {
  const untraced = (url: string | undefined) =>
    isQuietPath(url) || prefixes.some((prefix) => (url ?? '').startsWith(prefix));
  const instrumentations: Instrumentation[] = [
    // The one HTTP server instrumentation (decision 0111): @fastify/otel extracts the caller's
    // traceparent and makes the SERVER span; @opentelemetry/instrumentation-http made a second
    // span per request, sampled or not, and bound every request and response emitter.
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      requestHook: nameServerSpan,
      // One span for the request and one for its handler; a span for every Fastify hook (metrics, security
      // headers, middie, ...) told nobody anything and more than doubled tracing's cost per request.
      instrumentHooks: false,
      ignorePaths: (route) => untraced(route.url),
    }),
    new IORedisInstrumentation({ requireParentSpan: true }),
    new UndiciInstrumentation(),
  ];
  if (settings.usesDatabase) instrumentations.push(new PgInstrumentation({ requireParentSpan: true }));
  return instrumentations;
}
