import { type Attributes, type HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatusName = 'unset' | 'ok' | 'error';

/** A finished span as the trace buffer keeps it: plain data, detached from the SDK's objects. */
export interface BufferedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: SpanKindName;
  /** Epoch milliseconds, with the SDK's sub-millisecond precision. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly status: SpanStatusName;
  readonly statusMessage: string | undefined;
  readonly attributes: Attributes;
}

const KIND_NAMES: Record<SpanKind, SpanKindName> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const STATUS_NAMES: Record<SpanStatusCode, SpanStatusName> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

const millis = ([seconds, nanos]: HrTime): number => seconds * 1_000 + nanos / 1_000_000;

export function bufferedSpanOf(span: ReadableSpan): BufferedSpan {
  const context = span.spanContext();
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    kind: KIND_NAMES[span.kind],
    startMs: millis(span.startTime),
    durationMs: millis(span.duration),
    status: STATUS_NAMES[span.status.code],
    statusMessage: span.status.message,
    attributes: { ...span.attributes },
  };
}
