import { z } from 'zod';
import type { EmbeddingsAnswer, EmbeddingsCall, EmbeddingsProvider } from '../embeddings-provider';
import type { ResponseAnswer, ResponseStreamItem, ResponsesCall, ResponsesProvider } from '../responses-provider';
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

  async embeddings(call: EmbeddingsCall, signal: AbortSignal): Promise<EmbeddingsAnswer> {
    const { value, headers } = await this.upstream.postJson(
      '/embeddings',
      { ...call.body },
      signal,
      async (response) => {
        const parsed = embeddingsAnswerSchema.safeParse(await response.body.json());
        if (!parsed.success) throw interruptedError(this.upstream.name, 'the response is not a list of embeddings');
        return parsed.data;
      },
    );
    return {
      body: value,
      inputTokens: value.usage?.prompt_tokens,
      headers,
      ...(value.model === undefined ? {} : { responseModel: value.model }),
    };
  }
}

/** `POST /responses` of an upstream that has OpenAI's Responses API, relayed natively, streamed or not. */
export class UpstreamResponses implements ResponsesProvider {
  constructor(private readonly upstream: OpenAiCompatibleProvider) {}

  async createResponse(call: ResponsesCall, signal: AbortSignal): Promise<ResponseAnswer> {
    const { value, headers } = await this.upstream.postJson(
      '/responses',
      { ...call.body },
      signal,
      async (response) => {
        const parsed = responseObjectSchema.safeParse(await response.body.json());
        if (!parsed.success) throw interruptedError(this.upstream.name, 'the response is not a response object');
        return parsed.data;
      },
    );
    return { response: value, headers };
  }

  async *streamResponse(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamItem> {
    let finished = false;
    for await (const { data, headers } of this.upstream.postStream('/responses', { ...call.body }, signal)) {
      if (data === '[DONE]') break;
      const event = streamEventSchema.safeParse(safeJson(data));
      if (!event.success) throw interruptedError(this.upstream.name, 'the stream sent an event that is not one');
      if (TERMINAL_EVENTS.has(event.data.type)) finished = true;
      yield headers === undefined ? { event: event.data } : { event: event.data, headers };
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
