import { z } from 'zod';
import type { EmbeddingsAnswer, EmbeddingsCall, EmbeddingsProvider } from '../embeddings-provider';
import type { ResponseObject, ResponseStreamEvent, ResponsesCall, ResponsesProvider } from '../responses-provider';
import type { OpenAiCompatibleProvider } from './openai-compatible.provider';
import { interruptedError } from './upstream-failures';

/** What the gateway reads of an embeddings answer (usage, for budgets and metrics); the rest is relayed as it is. */
const embeddingsAnswerSchema = z
  .object({
    data: z.array(z.unknown()),
    model: z.string().optional(),
    usage: z.object({ prompt_tokens: z.number().int().nonnegative() }).loose().nullish(),
  })
  .loose();

const responseObjectSchema = z.object({ object: z.literal('response') }).loose();
const streamEventSchema = z.object({ type: z.string() }).loose();

/** `POST /embeddings` of an OpenAI-compatible upstream: the body goes up unchanged, the answer comes back unchanged. */
export class UpstreamEmbeddings implements EmbeddingsProvider {
  constructor(private readonly upstream: OpenAiCompatibleProvider) {}

  embeddings(call: EmbeddingsCall, signal: AbortSignal): Promise<EmbeddingsAnswer> {
    return this.upstream.postJson('/embeddings', { ...call.body }, signal, async (response) => {
      const parsed = embeddingsAnswerSchema.safeParse(await response.json());
      if (!parsed.success) throw interruptedError(this.upstream.name, 'the response is not a list of embeddings');
      return {
        body: parsed.data,
        inputTokens: parsed.data.usage?.prompt_tokens,
        ...(parsed.data.model === undefined ? {} : { responseModel: parsed.data.model }),
      };
    });
  }
}

/** `POST /responses` of an upstream that has OpenAI's Responses API, relayed natively, streamed or not. */
export class UpstreamResponses implements ResponsesProvider {
  constructor(private readonly upstream: OpenAiCompatibleProvider) {}

  createResponse(call: ResponsesCall, signal: AbortSignal): Promise<ResponseObject> {
    return this.upstream.postJson('/responses', { ...call.body }, signal, async (response) => {
      const parsed = responseObjectSchema.safeParse(await response.json());
      if (!parsed.success) throw interruptedError(this.upstream.name, 'the response is not a response object');
      return parsed.data;
    });
  }

  async *streamResponse(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamEvent> {
    let finished = false;
    for await (const data of this.upstream.postStream('/responses', { ...call.body }, signal)) {
      if (data === '[DONE]') break;
      const event = streamEventSchema.safeParse(safeJson(data));
      if (!event.success) throw interruptedError(this.upstream.name, 'the stream sent an event that is not one');
      if (TERMINAL_EVENTS.has(event.data.type)) finished = true;
      yield event.data;
      if (finished) break;
    }
    if (!finished) throw interruptedError(this.upstream.name, 'the stream ended before the response did');
  }
}

/** The events that end a streamed response (an `error` event does too). */
export const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
