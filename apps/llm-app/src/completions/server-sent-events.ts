import type { Readable } from 'node:stream';
import { OpenAiError } from '../openai/openai.errors';
import { coalescedReadable } from './coalesced-readable';

/** What a client reads when the gateway ends its stream because the process is shutting down. */
export const SHUTTING_DOWN = new OpenAiError(
  503,
  'server_error',
  'server_shutting_down',
  'The gateway is shutting down and ended this stream early; retry the request.',
);

const STOPPED = Symbol('stopped');

/**
 * An OpenAI-style SSE body: one `data: <json>` event per chunk (each chunk's
 * JSON text, serialized or rewritten by the caller), then
 * `data: [DONE]`. An error after the first byte cannot change the status, so
 * it is sent in-band as an `error` object, the way OpenAI does. When `stop`
 * aborts (the shutdown deadline), the stream ends at once the same way, with
 * SHUTTING_DOWN as its last event, instead of holding the process open.
 * Events that are ready together are written together (coalescedReadable).
 */
export function serverSentEvents(
  chunks: AsyncIterable<string>,
  onError: (error: unknown) => OpenAiError,
  stop?: AbortSignal,
): Readable {
  async function* events(): AsyncGenerator<string> {
    // Registered while the stream runs and removed when it ends: `stop` is the process's shutdown signal,
    // and every stream's listener left on it was a leak, each one making the next addEventListener slower.
    let onStop: (() => void) | undefined;
    const stopped = new Promise<typeof STOPPED>((resolve) => {
      onStop = () => resolve(STOPPED);
      if (stop?.aborted === true) onStop();
      else stop?.addEventListener('abort', onStop, { once: true });
    });
    const iterator = chunks[Symbol.asyncIterator]();
    try {
      for (;;) {
        const pending = iterator.next();
        // The race's loser may still settle later; it must not become an unhandled rejection.
        pending.catch(() => undefined);
        const next = stop === undefined ? await pending : await Promise.race([pending, stopped]);
        if (next === STOPPED) {
          yield event(JSON.stringify(SHUTTING_DOWN.toBody()));
          void iterator.return?.(undefined)?.catch(() => undefined);
          break;
        }
        if (next.done === true) break;
        yield event(next.value);
      }
    } catch (error) {
      yield event(JSON.stringify((stop?.aborted === true ? SHUTTING_DOWN : onError(error)).toBody()));
    } finally {
      if (onStop !== undefined) stop?.removeEventListener('abort', onStop);
    }
    yield 'data: [DONE]\n\n';
  }
  return coalescedReadable(events());
}

function event(json: string): string {
  return `data: ${json}\n\n`;
}
