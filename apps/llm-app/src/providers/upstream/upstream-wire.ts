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

export const upstreamCompletionSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

export const upstreamChunkSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().nonnegative().optional(),
        delta: z.looseObject({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: usageSchema,
});

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
