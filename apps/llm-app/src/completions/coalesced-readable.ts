import { Readable } from 'node:stream';

/**
 * The strings of an async generator as a byte stream, where what the generator produced within one
 * turn of the event loop goes out as one chunk: one write to the socket instead of one per string.
 * A relayed stream's events that came in one read from the upstream are all produced in promise
 * callbacks of that turn, so they leave together; an event that came on its own leaves at the end
 * of its turn (process.nextTick runs once the promise callbacks are done), so nothing waits for a
 * later event (decision 0140). Backpressure as `Readable.from`: the generator is not asked for more
 * while the consumer's buffer is full; destroying the stream returns the generator (its `finally`
 * blocks run).
 */
export function coalescedReadable(source: AsyncGenerator<string>): Readable {
  let pending = '';
  let flushScheduled = false;
  let pulling = false;
  let wanted = false;
  let done = false;
  const flush = (): void => {
    flushScheduled = false;
    if (readable.destroyed) return;
    if (pending !== '') {
      const text = pending;
      pending = '';
      if (!readable.push(text)) wanted = false;
    }
    if (done) readable.push(null);
  };
  const pull = async (): Promise<void> => {
    pulling = true;
    try {
      while (wanted && !done) {
        const next = await source.next();
        if (next.done === true) done = true;
        else pending += next.value;
        if (!flushScheduled) {
          flushScheduled = true;
          process.nextTick(flush);
        }
      }
    } catch (error) {
      readable.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      pulling = false;
    }
  };
  const readable = new Readable({
    read() {
      wanted = true;
      if (!pulling && !done) void pull();
    },
    destroy(error, callback) {
      source.return(undefined).then(
        () => callback(error),
        (failure: unknown) => callback(error ?? (failure instanceof Error ? failure : new Error(String(failure)))),
      );
    },
  });
  return readable;
}
