import type { BufferedSpan } from './buffered-span';

/** Spans kept per trace; a runaway trace must not hold the memory meant for many. */
export const MAX_SPANS_PER_TRACE = 500;

/**
 * The most recent traces, in memory, bounded by a number of traces: when a new
 * trace arrives and the buffer is full, the trace seen least recently is
 * dropped. Spans arrive as they end (children before their parent).
 */
export class TraceBuffer {
  /** Map order is arrival order of each trace's first span: the oldest comes first. */
  private readonly traces = new Map<string, BufferedSpan[]>();

  constructor(readonly capacity: number) {}

  add(span: BufferedSpan): void {
    const spans = this.traces.get(span.traceId);
    if (spans !== undefined) {
      if (spans.length < MAX_SPANS_PER_TRACE) spans.push(span);
      return;
    }
    this.traces.set(span.traceId, [span]);
    while (this.traces.size > this.capacity) {
      const oldest = this.traces.keys().next().value;
      if (oldest === undefined) break;
      this.traces.delete(oldest);
    }
  }

  /** Every trace's spans, newest trace first. */
  traceList(): (readonly BufferedSpan[])[] {
    return [...this.traces.values()].reverse();
  }

  spansOf(traceId: string): readonly BufferedSpan[] | undefined {
    return this.traces.get(traceId);
  }
}
