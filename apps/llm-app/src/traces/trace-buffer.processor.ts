import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { bufferedSpanOf } from './buffered-span';
import type { TraceBuffer } from './trace-buffer';

/** Feeds every ended, sampled span to the in-memory trace buffer behind GET /traces. */
export class TraceBufferSpanProcessor implements SpanProcessor {
  constructor(private readonly buffer: TraceBuffer) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.buffer.add(bufferedSpanOf(span));
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
