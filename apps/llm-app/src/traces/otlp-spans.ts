import type { Attributes } from '@opentelemetry/api';
import { z } from 'zod';
import type { BufferedSpan, SpanKindName, SpanStatusName } from './buffered-span';

/** OTLP's JSON encoding of an attribute value (AnyValue), the scalar kinds the view shows. */
const anyValue = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string(), z.number()]).optional(),
  doubleValue: z.number().optional(),
});
const keyValues = z.array(z.object({ key: z.string(), value: anyValue })).default([]);
const nanos = z.union([z.string().regex(/^\d+$/), z.number().nonnegative()]);
const hexId = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} hex digits`);

const otlpSpan = z.object({
  traceId: hexId(32),
  spanId: hexId(16),
  parentSpanId: z.union([hexId(16), z.literal('')]).optional(),
  name: z.string().min(1).max(512),
  kind: z.number().int().min(0).max(5).default(1),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: keyValues,
  status: z.object({ code: z.number().int().min(0).max(2).default(0), message: z.string().optional() }).optional(),
});

/** An OTLP/HTTP JSON ExportTraceServiceRequest, as @opentelemetry/exporter-trace-otlp-http sends it. */
export const otlpTraceExport = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: keyValues }).optional(),
        scopeSpans: z.array(z.object({ spans: z.array(otlpSpan).default([]) })).default([]),
      }),
    )
    .default([]),
});
export type OtlpTraceExport = z.output<typeof otlpTraceExport>;

const KINDS: readonly SpanKindName[] = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: readonly SpanStatusName[] = ['unset', 'ok', 'error'];

function valueOf(value: z.output<typeof anyValue>): string | number | boolean | undefined {
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(entries: z.output<typeof keyValues>): Attributes {
  const attributes: Attributes = {};
  for (const { key, value } of entries) {
    const scalar = valueOf(value);
    if (scalar !== undefined) attributes[key] = scalar;
  }
  return attributes;
}

const millis = (value: string | number): number => Number(BigInt(value) / 1_000n) / 1_000;

/**
 * The spans of an export as the trace buffer keeps them, each carrying its
 * resource's `service.name`, so another service's spans join llm-app's own
 * under the same trace id.
 */
export function bufferedSpansOf(exported: OtlpTraceExport): BufferedSpan[] {
  return exported.resourceSpans.flatMap((resourceSpans) => {
    const resource = attributesOf(resourceSpans.resource?.attributes ?? []);
    const service = resource['service.name'];
    return resourceSpans.scopeSpans.flatMap((scope) =>
      scope.spans.map((span): BufferedSpan => {
        const startMs = millis(span.startTimeUnixNano);
        return {
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
          name: span.name,
          kind: KINDS[span.kind] ?? 'internal',
          startMs,
          durationMs: Math.max(0, millis(span.endTimeUnixNano) - startMs),
          status: STATUSES[span.status?.code ?? 0] ?? 'unset',
          statusMessage: span.status?.message,
          attributes: {
            ...(service === undefined ? {} : { 'service.name': service }),
            ...attributesOf(span.attributes),
          },
        };
      }),
    );
  });
}
