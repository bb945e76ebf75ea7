import { INVALID_SPAN_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { activeTraceFields, sampledTraceFields } from './trace-fields';

const CONTEXT = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

describe(activeTraceFields.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('gives nothing when no span is active (tracing off)', () => {
    expect(activeTraceFields()).toEqual({});
  });

  it('gives the active span ids as trace_id and span_id, sampled or not', () => {
    jest
      .spyOn(trace, 'getActiveSpan')
      .mockReturnValue(trace.wrapSpanContext({ ...CONTEXT, traceFlags: TraceFlags.NONE }));
    expect(activeTraceFields()).toEqual({ trace_id: CONTEXT.traceId, span_id: CONTEXT.spanId });
  });

  it('gives nothing for an invalid span context', () => {
    jest.spyOn(trace, 'getActiveSpan').mockReturnValue(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
    expect(activeTraceFields()).toEqual({});
  });
});

describe(sampledTraceFields.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('gives the ids of a sampled trace only', () => {
    const spy = jest.spyOn(trace, 'getActiveSpan');
    spy.mockReturnValue(trace.wrapSpanContext({ ...CONTEXT, traceFlags: TraceFlags.SAMPLED }));
    expect(sampledTraceFields()).toEqual({ trace_id: CONTEXT.traceId, span_id: CONTEXT.spanId });
    spy.mockReturnValue(trace.wrapSpanContext({ ...CONTEXT, traceFlags: TraceFlags.NONE }));
    expect(sampledTraceFields()).toBeUndefined();
  });
});
