import { z } from 'zod';

/**
 * The Responses API request. The gateway checks what it reads (the model to route, the input to
 * count, `stream`, the output limit, tools and the text format the simulator honours) loosely
 * enough that any item type OpenAI adds still passes; every field goes to an upstream unchanged.
 */
const inputItem = z
  .object({ type: z.string().optional(), role: z.string().optional() })
  .loose()
  .refine((item) => item.type !== undefined || item.role !== undefined, 'an input item needs a type or a role');

const functionTool = z
  .object({
    type: z.literal('function'),
    name: z.string().min(1).max(128),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  })
  .loose();
const otherTool = z.object({ type: z.string().refine((type) => type !== 'function') }).loose();

const textFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      name: z.string().min(1).max(64),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
    })
    .loose(),
]);

export const responsesRequestSchema = z
  .object({
    model: z.string().min(1).max(256),
    input: z.union([z.string(), z.array(inputItem)]).optional(),
    instructions: z.string().nullish(),
    tools: z.array(z.union([functionTool, otherTool])).optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.object({ type: z.literal('function'), name: z.string() }).loose(),
        z.object({ type: z.string() }).loose(),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().nullish(),
    text: z.object({ format: textFormat.optional() }).loose().nullish(),
    max_output_tokens: z.number().int().min(1).max(1_000_000).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stream: z.boolean().nullish(),
    user: z.string().max(256).optional(),
  })
  .loose();

export type ResponsesRequest = z.output<typeof responsesRequestSchema>;
export type ResponsesInputItem = z.output<typeof inputItem>;
export type FunctionTool = z.output<typeof functionTool>;

export function functionTools(request: ResponsesRequest): FunctionTool[] {
  return (request.tools ?? []).filter((tool): tool is FunctionTool => tool.type === 'function');
}

/** The input as a list of items (a string input is one user message). */
export function inputItems(request: ResponsesRequest): ResponsesInputItem[] {
  if (request.input === undefined) return [];
  return typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
}

/** The text an input item carries: message content (a string or text parts), function output or arguments. */
export function itemText(item: ResponsesInputItem): string {
  const content = item.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  if (typeof item.output === 'string') return item.output;
  if (typeof item.arguments === 'string') return item.arguments;
  return '';
}
