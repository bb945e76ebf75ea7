import { z } from 'zod';

/**
 * The Chat Completions request as OpenAI clients send it. Unknown top-level
 * fields are accepted and ignored (clients send many optional ones), but every
 * field the gateway uses is checked.
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() });

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart).min(1)]),
  name: z.string().max(64).optional(),
});

export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    messages: z.array(chatMessageSchema).min(1).max(1_000),
    max_tokens: z.number().int().min(1).max(1_000_000).nullish(),
    max_completion_tokens: z.number().int().min(1).max(1_000_000).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    user: z.string().max(256).optional(),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  })
  .loose();

export type ChatMessage = z.output<typeof chatMessageSchema>;
export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;

/** The text of a message, whichever content form it came in. */
export function messageText(message: ChatMessage): string {
  return typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
}

export function stopSequences(request: ChatCompletionRequest): string[] {
  if (request.stop === undefined || request.stop === null) return [];
  return typeof request.stop === 'string' ? [request.stop] : request.stop;
}

export function maxOutputTokens(request: ChatCompletionRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}
