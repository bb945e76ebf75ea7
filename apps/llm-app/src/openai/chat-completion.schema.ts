import { z } from 'zod';

/**
 * The Chat Completions request as far as the gateway needs it: the model to
 * route, messages enough to count tokens and enforce budgets, `stream`, the
 * output limits and what the simulator and the response cache read. Every
 * object is loose: fields the gateway does not know (tools, response_format,
 * vendor parameters…) are not checked here and reach the upstream unchanged
 * (the relay sends the body as the client sent it, see RelayedBody).
 */
const KNOWN_PART_TYPES = ['text', 'image_url', 'input_audio', 'file', 'refusal'] as const;

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string().min(1), format: z.string().min(1) }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z
    .looseObject({ file_data: z.string().optional(), file_id: z.string().optional(), filename: z.string().optional() })
    .refine((file) => file.file_data !== undefined || file.file_id !== undefined, 'needs file_data or file_id'),
});
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
/** A part type an upstream may know and the gateway does not (passed through, not counted). */
const otherPart = z.looseObject({
  type: z
    .string()
    .min(1)
    .refine((type) => !(KNOWN_PART_TYPES as readonly string[]).includes(type)),
});

export const contentPartSchema = z.union([textPart, imagePart, audioPart, filePart, refusalPart, otherPart]);

const toolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }).optional(),
});

const content = z.union([z.string(), z.array(contentPartSchema).min(1)]);

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content, name: z.string().max(64).optional() }),
  z.looseObject({ role: z.literal('developer'), content, name: z.string().max(64).optional() }),
  z.looseObject({ role: z.literal('user'), content, name: z.string().max(64).optional() }),
  z
    .looseObject({
      role: z.literal('assistant'),
      // null (or absent) when the turn is tool calls only, as OpenAI's clients send it.
      content: content.nullish(),
      name: z.string().max(64).optional(),
      tool_calls: z.array(toolCallSchema).min(1).optional(),
      function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
      refusal: z.string().nullish(),
    })
    .refine(
      (message) =>
        (message.content !== undefined && message.content !== null) ||
        message.tool_calls !== undefined ||
        (message.function_call !== undefined && message.function_call !== null) ||
        typeof message.refusal === 'string',
      { message: 'an assistant message needs content, tool_calls or function_call', path: ['content'] },
    ),
  z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string().min(1) }),
  z.looseObject({ role: z.literal('function'), content: z.string().nullable(), name: z.string().min(1) }),
]);

const limit = z.number().int().min(1).max(10_000_000);

/** The request schema; `maxMessages` is LLM_MAX_MESSAGES. */
export function chatCompletionRequestSchema(maxMessages: number) {
  return z.looseObject({
    model: z.string().min(1).max(256),
    messages: z.array(chatMessageSchema).min(1).max(maxMessages),
    max_tokens: limit.nullish(),
    max_completion_tokens: limit.nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    seed: z.number().int().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    user: z.string().max(256).optional(),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  });
}

export type ChatMessage = z.output<typeof chatMessageSchema>;
export type ContentPart = z.output<typeof contentPartSchema>;
export type ChatCompletionRequest = z.output<ReturnType<typeof chatCompletionRequestSchema>>;

/**
 * The text of a message the gateway counts tokens of: its text (and refusal)
 * parts, and the names and arguments of the tool calls it carries. Images,
 * audio and files are not text: upstreams bill them their own way.
 */
export function messageText(message: ChatMessage): string {
  const parts: string[] = [];
  const body = message.content;
  if (typeof body === 'string') parts.push(body);
  else if (Array.isArray(body)) {
    for (const part of body as readonly Record<string, unknown>[]) {
      if (part.type === 'text' && typeof part.text === 'string') parts.push(part.text);
      if (part.type === 'refusal' && typeof part.refusal === 'string') parts.push(part.refusal);
    }
  }
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) {
      if (call.function !== undefined) parts.push(call.function.name, call.function.arguments);
    }
    if (message.function_call) parts.push(message.function_call.name, message.function_call.arguments);
  }
  return parts.join('');
}

export function stopSequences(request: ChatCompletionRequest): string[] {
  if (request.stop === undefined || request.stop === null) return [];
  return typeof request.stop === 'string' ? [request.stop] : request.stop;
}

export function maxOutputTokens(request: ChatCompletionRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}
