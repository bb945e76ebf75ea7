import { ROOT_CONTEXT, type Span, TraceFlags, type Tracer, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';
import { appTracer, unsampledChildrenSkipped } from './unsampled-children';

const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const parent = (traceFlags: TraceFlags, isRemote = false) =>
  trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ ...ids, traceFlags, isRemote }));

function innerTracer() {
  const made = trace.wrapSpanContext({ ...ids, spanId: '1111111111111111', traceFlags: TraceFlags.SAMPLED });
  const startSpan = jest.fn((): Span => made);
  const tracer = { startSpan } as unknown as Tracer;
  return { made, startSpan, tracer: unsampledChildrenSkipped({ getTracer: () => tracer }).getTracer('t') };
}

describe('unsampledChildrenSkipped', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());

  describe('startSpan', () => {
    it("answers a child of an unsampled span with the parent's context, without asking the SDK", () => {
      const { startSpan, tracer } = innerTracer();
      const child = tracer.startSpan('route-handler', {}, parent(TraceFlags.NONE));
      expect(startSpan).not.toHaveBeenCalled();
      expect(child.isRecording()).toBe(false);
      expect(child.spanContext()).toMatchObject({ ...ids, traceFlags: TraceFlags.NONE });
    });

    it('reads the parent from the active context when none is given', () => {
      const { startSpan, tracer } = innerTracer();
      context.with(parent(TraceFlags.NONE), () => tracer.startSpan('GET'));
      expect(startSpan).not.toHaveBeenCalled();
    });

    it('hands a child of a sampled span, a root span and a remote parent to the SDK', () => {
      const { made, startSpan, tracer } = innerTracer();
      expect(tracer.startSpan('child', {}, parent(TraceFlags.SAMPLED))).toBe(made);
      expect(tracer.startSpan('root', { root: true }, parent(TraceFlags.NONE))).toBe(made);
      // A caller's traceparent: the sampler decides (remoteParentNotSampled), not this shortcut.
      expect(tracer.startSpan('request', {}, parent(TraceFlags.NONE, true))).toBe(made);
      expect(tracer.startSpan('no parent', {}, ROOT_CONTEXT)).toBe(made);
      expect(startSpan).toHaveBeenCalledTimes(4);
    });

    it("records a child exactly when the SDK's parent-based ratio sampler would", () => {
      const sdk = new TracerProvider({
        sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.5) }),
      });
      const wrapped = unsampledChildrenSkipped(sdk).getTracer('t');
      const plain = sdk.getTracer('t');
      for (let i = 0; i < 40; i += 1) {
        const root = plain.startSpan(`root ${i}`);
        const inRoot = trace.setSpan(ROOT_CONTEXT, root);
        expect(wrapped.startSpan('child', {}, inRoot).isRecording()).toBe(
          plain.startSpan('child', {}, inRoot).isRecording(),
        );
      }
    });
  });

  describe('startActiveSpan', () => {
    it('runs the callback with the span active and returns its result', () => {
      const { tracer } = innerTracer();
      const result = context.with(parent(TraceFlags.NONE), () =>
        tracer.startActiveSpan('handler', (span) => {
          expect(trace.getActiveSpan()).toBe(span);
          return span.spanContext().spanId;
        }),
      );
      expect(result).toBe(ids.spanId);
    });

    it('takes options and a parent context before the callback', () => {
      const { made, tracer } = innerTracer();
      expect(tracer.startActiveSpan('a', { root: true }, (span) => span)).toBe(made);
      expect(tracer.startActiveSpan('b', {}, parent(TraceFlags.NONE), (span) => span.spanContext().spanId)).toBe(
        ids.spanId,
      );
    });
  });

  describe(appTracer.name, () => {
    afterEach(() => trace.disable());

    it("starts an app's spans on the global provider, skipping it under an unsampled span", () => {
      const { made, startSpan, tracer: inner } = innerTracer();
      const getTracer = jest.fn(() => inner);
      trace.setGlobalTracerProvider({ getTracer });
      const tracer = appTracer('llm-app');
      expect(tracer.startSpan('chat m', {}, parent(TraceFlags.SAMPLED))).toBe(made);
      expect(tracer.startSpan('chat m', {}, parent(TraceFlags.NONE)).spanContext().spanId).toBe(ids.spanId);
      expect(startSpan).toHaveBeenCalledTimes(1);
      expect(getTracer).toHaveBeenCalledWith('llm-app', undefined, undefined);
    });
  });
});
