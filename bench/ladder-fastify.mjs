// One rung of `npm run bench`'s B1/B2 ladder: bare Fastify's `GET /info` (the body of
// bench/bare-fastify.mjs) plus the per-request layers named in BENCH_LAYERS, each done with the
// library the project uses and the way libs/* use it, so that each rung's CPU time per request
// less the rung below it is one layer's cost with nothing of NestJS in it:
//   ids      request id (libs/logging generateRequestId), route template, X-Request-Id header (libs/http)
//   log      the pino JSON request line from Fastify hooks, async destination (libs/logging)
//   metrics  prom-client RED metrics from Fastify hooks, exemplars when sampled (libs/metrics)
//   helmet   helmet's headers, the middleware built once (libs/http security-headers)
//   otel     @fastify/otel under the OpenTelemetry SDK, BENCH_TRACE_RATIO sampled, OTLP/HTTP export (libs/tracing)
// The order above is the ladder's; each rung has every layer before it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const env = process.env;
const layers = new Set((env.BENCH_LAYERS ?? '').split(',').filter(Boolean));
const QUIET = new Set(['/metrics', '/health', '/ready']);
const isQuiet = (url) => QUIET.has((url ?? '').split('?')[0] ?? '');

// Tracing first: the SDK must be up before Fastify is loaded, as in libs/tracing.
if (layers.has('otel')) {
  const { default: FastifyOtelInstrumentation } = await import('@fastify/otel');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { startNodeSdk } = await import('@opentelemetry/sdk-node');
  const api = await import('@opentelemetry/api');
  const { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } = await import('@opentelemetry/sdk-trace');
  const otel = new FastifyOtelInstrumentation({
    registerOnInitialization: true,
    instrumentHooks: false,
    ignorePaths: (route) => isQuiet(route.url),
    // libs/tracing nameServerSpan: attributes only for a sampled span.
    requestHook: (span, request) => {
      if (!span.isRecording()) return;
      const url = request.raw.url ?? '';
      const query = url.indexOf('?');
      span.updateName(`${request.method} ${request.routeOptions.url}`);
      span.setAttributes({
        'url.path': query === -1 ? url : url.slice(0, query),
        'url.scheme': request.protocol,
        'network.protocol.version': request.raw.httpVersion,
        'client.address': request.ip,
        ...(request.headers['user-agent'] === undefined
          ? {}
          : { 'user_agent.original': request.headers['user-agent'] }),
      });
    },
  });
  startNodeSdk({
    resourceAttributes: { 'service.name': 'ladder-fastify', 'deployment.environment.name': 'production' },
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Number(env.BENCH_TRACE_RATIO ?? 0.1)) }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [otel],
  });
  // libs/tracing unsampledChildrenSkipped (decision 0145): the handler span under an unsampled request
  // span is answered with the parent's context, without the SDK's span machinery.
  const provider = api.trace.getTracerProvider();
  otel.setTracerProvider({
    getTracer: (name, version, options) => {
      const tracer = provider.getTracer(name, version, options);
      return {
        startSpan: (spanName, spanOptions = {}, parentContext = api.context.active()) => {
          const parent = spanOptions.root ? undefined : api.trace.getSpan(parentContext);
          const parentIds = parent?.spanContext();
          if (
            parentIds !== undefined &&
            parentIds.isRemote !== true &&
            (parentIds.traceFlags & api.TraceFlags.SAMPLED) === 0 &&
            api.isSpanContextValid(parentIds)
          )
            return api.trace.wrapSpanContext(parentIds);
          return tracer.startSpan(spanName, spanOptions, parentContext);
        },
      };
    },
  });
}

const { trace, isSpanContextValid, TraceFlags } = await import('@opentelemetry/api');
const { default: Fastify } = await import('fastify');
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ROUTE = Symbol('routeTemplate');
const app = Fastify({
  logger: false,
  ...(layers.has('ids')
    ? {
        requestIdHeader: false,
        genReqId: (raw) => {
          const incoming = raw.headers['x-request-id'];
          const id = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
          raw.id = id;
          return id;
        },
      }
    : {}),
});
if (layers.has('ids')) {
  app.addHook('onRequest', (request, reply, done) => {
    request.raw[ROUTE] = request.routeOptions.url ?? '(unmatched)';
    void reply.header('x-request-id', request.id);
    done();
  });
}

if (layers.has('helmet')) {
  const { default: helmet } = await import('helmet');
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, (error) => done(error)));
}

if (layers.has('log')) {
  const { default: pino } = await import('pino');
  const requestId = new AsyncLocalStorage();
  const activeFields = () => {
    const context = trace.getActiveSpan()?.spanContext();
    return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
  };
  const root = pino(
    {
      level: 'info',
      base: { service: 'ladder-fastify', env: 'production' },
      redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[Redacted]' },
      messageKey: 'msg',
      mixin: () => {
        const reqId = requestId.getStore();
        return reqId === undefined ? activeFields() : { reqId, ...activeFields() };
      },
    },
    pino.destination({ sync: false }),
  );
  const logger = root.child({}, { redact: { paths: [] } });
  const LOGGED = Symbol('requestLogged');
  const write = (request, reply) => {
    if (request[LOGGED] !== false) return;
    request[LOGGED] = true;
    const url = request.raw.url ?? '';
    const query = url.indexOf('?');
    logger.info(
      {
        reqId: request.id,
        req: { id: request.id, method: request.method, path: query === -1 ? url : url.slice(0, query) },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
        route: request.raw[ROUTE] ?? '(unmatched)',
      },
      'request completed',
    );
  };
  app.addHook('onRequest', (request, reply, done) => {
    if (isQuiet(request.raw.url)) return done();
    request[LOGGED] = false;
    reply.raw.once('close', () => write(request, reply));
    requestId.run(request.id, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    write(request, reply);
    done();
  });
}

if (layers.has('metrics')) {
  const { Counter, Gauge, Histogram, collectDefaultMetrics, register } = await import('prom-client');
  collectDefaultMetrics();
  const labelNames = ['method', 'route', 'status_code'];
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Request duration.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    enableExemplars: true,
    registers: [],
  });
  register.registerMetric(duration);
  const requests = new Counter({ name: 'http_server_requests_total', help: 'Requests.', labelNames });
  const active = new Gauge({ name: 'http_server_active_requests', help: 'In flight.' });
  const COUNTED = Symbol('countedInFlight');
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url !== '/metrics') {
      request[COUNTED] = true;
      active.inc();
      reply.raw.once('close', () => {
        if (request[COUNTED] === true && !reply.raw.writableFinished) {
          request[COUNTED] = false;
          active.dec();
        }
      });
    }
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request[COUNTED] === true) {
      request[COUNTED] = false;
      active.dec();
      const labels = { method: request.method, route: request.raw[ROUTE], status_code: String(reply.statusCode) };
      requests.inc(labels);
      const context = trace.getActiveSpan()?.spanContext();
      const sampled = context && isSpanContextValid(context) && (context.traceFlags & TraceFlags.SAMPLED) !== 0;
      duration.observe({
        labels,
        value: reply.elapsedTime / 1_000,
        ...(sampled ? { exemplarLabels: { trace_id: context.traceId, span_id: context.spanId } } : {}),
      });
    }
    done();
  });
  app.get('/metrics', async (request, reply) => reply.type(register.contentType).send(await register.metrics()));
}

app.get('/health', async () => ({ status: 'ok' }));
app.get('/info', async () => ({ name: 'bare-fastify', version: '0.0.0', commit: 'none', node: process.version }));
await app.listen({ host: '127.0.0.1', port: Number(env.PORT) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
