import type { BufferedSpan } from './buffered-span';
import type { SpanNodeView, TraceSummaryView, TraceTreeView } from './trace.views';

const byStart = (a: { startMs: number }, b: { startMs: number }) => a.startMs - b.startMs;

/** Spans whose parent is not in the buffer: the trace's root, or orphans whose parent was not sampled here. */
function rootsOf(spans: readonly BufferedSpan[]): BufferedSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.filter((span) => span.parentSpanId === undefined || !ids.has(span.parentSpanId)).sort(byStart);
}

const tokenCount = (span: BufferedSpan, key: string): number => {
  const value = span.attributes[key];
  return typeof value === 'number' ? value : 0;
};

export function summaryOf(spans: readonly BufferedSpan[]): TraceSummaryView {
  const start = Math.min(...spans.map((span) => span.startMs));
  const end = Math.max(...spans.map((span) => span.startMs + span.durationMs));
  const root = rootsOf(spans)[0] ?? spans[0];
  return {
    traceId: root?.traceId ?? '',
    rootSpanName: root?.name ?? '',
    startTime: new Date(start).toISOString(),
    durationMs: end - start,
    status: spans.some((span) => span.status === 'error') ? 'error' : 'ok',
    spanCount: spans.length,
    tokens: {
      input: spans.reduce((sum, span) => sum + tokenCount(span, 'gen_ai.usage.input_tokens'), 0),
      output: spans.reduce((sum, span) => sum + tokenCount(span, 'gen_ai.usage.output_tokens'), 0),
    },
  };
}

export function treeOf(spans: readonly BufferedSpan[]): TraceTreeView {
  const start = Math.min(...spans.map((span) => span.startMs));
  const childrenOf = new Map<string, BufferedSpan[]>();
  for (const span of spans) {
    if (span.parentSpanId === undefined) continue;
    childrenOf.set(span.parentSpanId, [...(childrenOf.get(span.parentSpanId) ?? []), span]);
  }
  const node = (span: BufferedSpan): SpanNodeView => ({
    spanId: span.spanId,
    ...(span.parentSpanId === undefined ? {} : { parentSpanId: span.parentSpanId }),
    name: span.name,
    kind: span.kind,
    status: span.status,
    ...(span.statusMessage === undefined ? {} : { statusMessage: span.statusMessage }),
    startOffsetMs: span.startMs - start,
    durationMs: span.durationMs,
    attributes: span.attributes,
    children: [...(childrenOf.get(span.spanId) ?? [])].sort(byStart).map(node),
  });
  return { ...summaryOf(spans), spans: rootsOf(spans).map(node) };
}
