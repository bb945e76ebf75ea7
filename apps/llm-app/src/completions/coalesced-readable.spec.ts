import { setTimeout as sleep } from 'node:timers/promises';
import { coalescedReadable } from './coalesced-readable';

async function chunksOf(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(String(chunk));
  return chunks;
}

describe(coalescedReadable.name, () => {
  it('sends what the source produced within one turn of the event loop as one chunk', async () => {
    async function* source() {
      yield 'a';
      yield await Promise.resolve('b');
      yield 'c';
    }
    expect(await chunksOf(coalescedReadable(source()))).toEqual(['abc']);
  });

  it('sends a string that came on its own at once, without waiting for the next', async () => {
    const sent: string[] = [];
    async function* source() {
      yield 'first';
      await sleep(30);
      sent.push('second produced');
      yield 'second';
    }
    const stream = coalescedReadable(source());
    for await (const chunk of stream) sent.push(String(chunk));
    expect(sent).toEqual(['first', 'second produced', 'second']);
  });

  it('ends an empty source with an empty stream', async () => {
    async function* source(): AsyncGenerator<string> {
      // nothing
    }
    expect(await chunksOf(coalescedReadable(source()))).toEqual([]);
  });

  it('runs the source’s finally when the consumer leaves early', async () => {
    let finished = false;
    async function* source() {
      try {
        yield 'a';
        await sleep(10);
        yield 'b';
        await new Promise(() => undefined);
      } finally {
        finished = true;
      }
    }
    const stream = coalescedReadable(source());
    for await (const _ of stream) break;
    await sleep(30);
    expect(stream.destroyed).toBe(true);
    expect(finished).toBe(true);
  });

  it('stops asking the source for more while the consumer does not read, and resumes when it does', async () => {
    let produced = 0;
    async function* source() {
      for (;;) {
        produced += 1;
        await sleep(1);
        yield 'x'.repeat(16 * 1024);
      }
    }
    const stream = coalescedReadable(source());
    stream.pause();
    stream.read(0);
    await sleep(100);
    const whilePaused = produced;
    await sleep(50);
    expect(produced).toBe(whilePaused);
    stream.read();
    await sleep(50);
    expect(produced).toBeGreaterThan(whilePaused);
    stream.destroy();
  });

  it('fails the stream when the source throws', async () => {
    async function* source() {
      yield 'a';
      await sleep(1);
      throw new Error('source failed');
    }
    await expect(chunksOf(coalescedReadable(source()))).rejects.toThrow('source failed');
  });
});
