import { Readable } from 'node:stream';
import type { OpenAiError } from '../openai/openai.errors';

/**
 * An OpenAI-style SSE body: one `data: <json>` event per chunk, then
 * `data: [DONE]`. An error after the first byte cannot change the status, so
 * it is sent in-band as an `error` object, the way OpenAI does.
 */
export function serverSentEvents(chunks: AsyncIterable<unknown>, onError: (error: unknown) => OpenAiError): Readable {
  async function* events(): AsyncGenerator<string> {
    try {
      for await (const chunk of chunks) yield `data: ${JSON.stringify(chunk)}\n\n`;
    } catch (error) {
      yield `data: ${JSON.stringify(onError(error).toBody())}\n\n`;
    }
    yield 'data: [DONE]\n\n';
  }
  return Readable.from(events(), { objectMode: false });
}
