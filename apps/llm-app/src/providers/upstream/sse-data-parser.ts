/**
 * The `data` payloads of a Server-Sent Events byte stream, fed in chunks as
 * they arrive from the network. Chunks may split anywhere, even inside a
 * multi-byte character or between `\r` and `\n`, so bytes are decoded in
 * streaming mode and only complete lines are interpreted.
 */
export class SseDataParser {
  private readonly decoder = new TextDecoder();
  private pending = '';
  private dataLines: string[] = [];

  /** Payloads of the events completed by this chunk, in order. */
  push(chunk: Uint8Array): string[] {
    return this.consume(this.pending + this.decoder.decode(chunk, { stream: true }), false);
  }

  /** Payloads still buffered when the stream ends (a last event without its blank line). */
  end(): string[] {
    const events = this.consume(this.pending + this.decoder.decode(), true);
    if (this.dataLines.length > 0) events.push(this.dataLines.join('\n'));
    this.dataLines = [];
    return events;
  }

  private consume(text: string, final: boolean): string[] {
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const newline = nextLineBreak(text, start);
      if (newline === -1) break;
      // A trailing \r may be the first half of \r\n: wait for the next chunk unless the stream ended.
      if (text[newline] === '\r' && newline === text.length - 1 && !final) break;
      this.line(text.slice(start, newline), events);
      start = text[newline] === '\r' && text[newline + 1] === '\n' ? newline + 2 : newline + 1;
    }
    this.pending = text.slice(start);
    if (final && this.pending !== '') {
      this.line(this.pending, events);
      this.pending = '';
    }
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.dataLines.length > 0) events.push(this.dataLines.join('\n'));
      this.dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.dataLines.push(value);
  }
}

function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n' || text[i] === '\r') return i;
  }
  return -1;
}

/** The data payloads of an SSE response body, as they complete. */
export async function* sseDataOf(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const parser = new SseDataParser();
  for await (const bytes of body) yield* parser.push(bytes);
  yield* parser.end();
}
