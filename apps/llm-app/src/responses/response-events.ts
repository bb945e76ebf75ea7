import { Readable } from 'node:stream';
import { OpenAiError } from '../openai/openai.errors';
import type { ResponseStreamEvent } from '../providers/responses-provider';

/**
 * The Responses API's SSE body: `event: <type>` and `data: <json>` per event, no `[DONE]`. A failure
 * after the first byte cannot change the status, so it is sent as an `error` event, as OpenAI does.
 */
export function responseEvents(events: AsyncIterable<ResponseStreamEvent>): Readable {
  async function* frames(): AsyncGenerator<string> {
    let sequence = 0;
    try {
      for await (const event of events) {
        if (typeof event.sequence_number === 'number') sequence = event.sequence_number + 1;
        yield frame(event);
      }
    } catch (error) {
      const failure =
        error instanceof OpenAiError
          ? error
          : new OpenAiError(502, 'upstream_error', 'stream_interrupted', 'The response stream was interrupted.');
      yield frame({
        type: 'error',
        code: failure.code,
        message: failure.message,
        param: failure.param,
        sequence_number: sequence,
      });
    }
  }
  return Readable.from(frames(), { objectMode: false });
}

function frame(event: ResponseStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
