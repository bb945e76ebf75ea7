import { ROOT_CONTEXT, type SpanContext, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { callOutsideUnsampledSpan, isUnsampledLocalSpan } from './unsampled-span';

const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const span = (overrides: Partial<SpanContext> = {}) =>
  trace.wrapSpanContext({ ...ids, traceFlags: TraceFlags.NONE, ...overrides });
const activeIn = (activeSpan: ReturnType<typeof span>) => trace.setSpan(ROOT_CONTEXT, activeSpan);

describe(isUnsampledLocalSpan.name, () => {
  it('is true for a span of this process the sampler left out', () => {
    expect(isUnsampledLocalSpan(span())).toBe(true);
  });

  it('is false for a sampled span, a remote parent, an invalid context and no span', () => {
    expect(isUnsampledLocalSpan(span({ traceFlags: TraceFlags.SAMPLED }))).toBe(false);
    expect(isUnsampledLocalSpan(span({ isRemote: true }))).toBe(false);
    expect(isUnsampledLocalSpan(span({ traceId: '0'.repeat(32) }))).toBe(false);
    expect(isUnsampledLocalSpan(undefined)).toBe(false);
  });
});

describe(callOutsideUnsampledSpan.name, () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());

  const seenSpan = () => trace.getActiveSpan();

  it('makes the call with no active span under an unsampled span, which is active again after it', () => {
    const unsampled = span();
    context.with(activeIn(unsampled), () => {
      expect(callOutsideUnsampledSpan(seenSpan, undefined, [])).toBeUndefined();
      expect(trace.getActiveSpan()).toBe(unsampled);
    });
  });

  it('keeps a sampled span active for the call, so its instrumentation makes a child span', () => {
    const sampled = span({ traceFlags: TraceFlags.SAMPLED });
    context.with(activeIn(sampled), () => expect(callOutsideUnsampledSpan(seenSpan, undefined, [])).toBe(sampled));
  });

  it('keeps the context of an async call outside the span until the call returns its promise', async () => {
    const observed: unknown[] = [];
    const later = async () => {
      observed.push(trace.getActiveSpan());
      await Promise.resolve();
      observed.push(trace.getActiveSpan());
      return 'done';
    };
    const unsampled = span();
    await context.with(activeIn(unsampled), async () => {
      await expect(callOutsideUnsampledSpan(later, undefined, [])).resolves.toBe('done');
      expect(trace.getActiveSpan()).toBe(unsampled);
    });
    expect(observed).toEqual([undefined, undefined]);
  });

  it('calls the original on its receiver with its arguments and returns its result', () => {
    const client = {
      prefix: 'k:',
      key(this: { prefix: string }, a: string, b: number) {
        return `${this.prefix}${a}${b}`;
      },
    };
    for (const active of [span(), span({ traceFlags: TraceFlags.SAMPLED })])
      context.with(activeIn(active), () => expect(callOutsideUnsampledSpan(client.key, client, ['x', 1])).toBe('k:x1'));
  });
});
