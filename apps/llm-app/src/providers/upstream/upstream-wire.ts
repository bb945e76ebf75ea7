import { z } from 'zod';
import type { FinishReason, TokenUsage } from '../chat-provider';

/**
 * The parts of OpenAI's wire format the gateway reads (usage, finish reasons,
 * the first choice's text for telemetry). Every object is loose: what an
 * upstream adds is kept, as the client gets the upstream's object unchanged.
 */
const usageSchema = z
  .looseObject({
    prompt_tokens: z.number().int().nonnegative(),
    completion_tokens: z.number().int().nonnegative(),
    prompt_tokens_details: z.looseObject({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
    completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  })
  .nullish();

/** What the gateway reads of a chat.completion; the completion itself is relayed as it came. */
export interface UpstreamCompletion {
  readonly id?: string;
  readonly model?: string;
  readonly choices: readonly {
    readonly message: { readonly content?: string | null };
    readonly finish_reason?: string | null;
  }[];
  readonly usage: z.output<typeof usageSchema>;
}

/**
 * The completion's fields the gateway reads, checked by hand as `readChunk` checks a chunk (a zod
 * schema copied every object of the answer it checked, per request: decision 0140): `id` and `model`
 * strings when present, at least one choice, each an object whose `message` is an object with a string
 * or null `content` and whose `finish_reason` is a string or null; usage through the zod schema.
 * Undefined: not a chat completion.
 */
export function readCompletion(json: unknown): UpstreamCompletion | undefined {
  if (!isObject(json)) return undefined;
  const { id, model, choices, usage } = json;
  if ((id !== undefined && typeof id !== 'string') || (model !== undefined && typeof model !== 'string')) {
    return undefined;
  }
  if (!Array.isArray(choices) || choices.length === 0 || !choices.every(isCompletionChoice)) return undefined;
  const readUsage = readUsageOf(usage);
  return readUsage === false ? undefined : { id, model, choices, usage: readUsage };
}

function isCompletionChoice(choice: unknown): choice is UpstreamCompletion['choices'][number] {
  if (!isObject(choice)) return false;
  const { message, finish_reason: finishReason } = choice;
  if (!isObject(message)) return false;
  const content = message.content;
  if (content !== undefined && content !== null && typeof content !== 'string') return false;
  return finishReason === undefined || finishReason === null || typeof finishReason === 'string';
}

/** Usage as the zod schema reads it; false when it is there and not usage. */
function readUsageOf(usage: unknown): z.output<typeof usageSchema> | false {
  if (usage === undefined || usage === null) return usage;
  const parsed = usageSchema.safeParse(usage);
  return parsed.success ? parsed.data : false;
}

/** What the gateway reads of a chat.completion.chunk; the chunk itself is relayed as it came. */
export interface UpstreamChunk {
  readonly id?: string;
  readonly model?: string;
  readonly choices: readonly {
    readonly index?: number;
    readonly delta?: { readonly content?: string | null } | null;
    readonly finish_reason?: string | null;
  }[];
  readonly usage: z.output<typeof usageSchema>;
}

/**
 * The chunk's fields the gateway reads, checked by hand rather than by a zod schema: a stream has a
 * chunk per token, and zod's parse copies every object it checks (garbage per chunk, issue #13). The
 * checks are the schema's: `id` and `model` strings when present, `choices` an array (absent: none)
 * of objects whose `index`, `delta.content` and `finish_reason` have their types; usage, in one chunk
 * of a stream, goes through the same zod schema as a completion's. Undefined: not a chunk.
 */
export function readChunk(json: unknown): UpstreamChunk | undefined {
  if (!isObject(json)) return undefined;
  const { id, model, choices = [], usage } = json;
  if ((id !== undefined && typeof id !== 'string') || (model !== undefined && typeof model !== 'string')) {
    return undefined;
  }
  if (!Array.isArray(choices) || !choices.every(isChunkChoice)) return undefined;
  const readUsage = readUsageOf(usage);
  return readUsage === false ? undefined : { id, model, choices, usage: readUsage };
}

function isChunkChoice(choice: unknown): choice is UpstreamChunk['choices'][number] {
  if (!isObject(choice)) return false;
  const { index, delta, finish_reason: finishReason } = choice;
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) return false;
  if (delta !== undefined && delta !== null) {
    if (!isObject(delta)) return false;
    const content = delta.content;
    if (content !== undefined && content !== null && typeof content !== 'string') return false;
  }
  return finishReason === undefined || finishReason === null || typeof finishReason === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const upstreamErrorSchema = z.object({
  error: z.object({
    message: z.string().default('upstream error'),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    param: z.string().nullish(),
  }),
});

const FINISH_REASONS: ReadonlySet<string> = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

/** The gateway's reading of a finish reason (the client gets the upstream's own value regardless). */
export function toFinishReason(reason: string | null | undefined): FinishReason {
  return reason !== null && reason !== undefined && FINISH_REASONS.has(reason) ? (reason as FinishReason) : 'stop';
}

export function toUsage(usage: z.output<typeof usageSchema>): TokenUsage | undefined {
  if (usage === null || usage === undefined) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    estimated: false,
    ...(cached === undefined || cached === null ? {} : { cachedInputTokens: cached }),
    ...(reasoning === undefined || reasoning === null ? {} : { reasoningTokens: reasoning }),
  };
}
