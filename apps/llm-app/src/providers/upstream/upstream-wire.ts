import { z } from 'zod';
import type { FinishReason, TokenUsage } from '../chat-provider';

/** The parts of OpenAI's wire format the gateway reads; anything else an upstream adds is ignored. */
const usageSchema = z
  .object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() })
  .nullish();

export const upstreamCompletionSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

export const upstreamChunkSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
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

/** Finish reasons the gateway does not model (tool calls, content filter) still end the reply normally. */
export function toFinishReason(reason: string | null | undefined): FinishReason {
  return reason === 'length' ? 'length' : 'stop';
}

export function toUsage(usage: z.output<typeof usageSchema>): TokenUsage | undefined {
  if (usage === null || usage === undefined) return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, estimated: false };
}
