import { z } from 'zod';

/** OpenAI's limits: 2,048 inputs per request, 3,072 dimensions (text-embedding-3-large). */
const MAX_INPUTS = 2_048;
const tokenArray = z.array(z.number().int().nonnegative()).min(1);

/**
 * The Embeddings request. The gateway checks what it uses (the model to route, the input to count,
 * `dimensions` and `encoding_format` the simulator honours); every field, these included, goes to an
 * upstream unchanged.
 */
export const embeddingsRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    input: z.union([
      z.string(),
      z.array(z.string()).min(1).max(MAX_INPUTS),
      tokenArray,
      z.array(tokenArray).min(1).max(MAX_INPUTS),
    ]),
    dimensions: z.number().int().min(1).max(3_072).optional(),
    encoding_format: z.enum(['float', 'base64']).optional(),
    user: z.string().max(256).optional(),
  })
  .loose();

export type EmbeddingsRequest = z.output<typeof embeddingsRequestSchema>;
export type EmbeddingsInput = EmbeddingsRequest['input'];

/** Each input of a request: a string or an array of token ids. */
export function embeddingInputs(input: EmbeddingsInput): (string | number[])[] {
  if (typeof input === 'string') return [input];
  if (input.length > 0 && typeof input[0] === 'number') return [input as number[]];
  return input as (string | number[])[];
}
