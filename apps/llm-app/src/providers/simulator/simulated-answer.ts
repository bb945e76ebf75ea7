import { createHash } from 'node:crypto';
import { type ChatMessage, messageText } from '../../openai/chat-completion.schema';
import { invalidRequest } from '../../openai/openai.errors';
import type { FinishReason, ProviderRequest } from '../chat-provider';
import type { TokenCounter } from '../token-counter';
import type { SchemaSampler } from '../../simulator/schema-sampler';

const VOCABULARY = [
  'latency',
  'token',
  'trace',
  'span',
  'metric',
  'gateway',
  'model',
  'request',
  'stream',
  'budget',
  'cache',
  'upstream',
  'retry',
  'signal',
  'window',
  'histogram',
  'quantile',
  'label',
  'series',
  'sample',
  'the',
  'a',
  'of',
  'and',
  'to',
  'is',
  'with',
  'for',
  'on',
  'every',
];

export interface SimulatedToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, split into the pieces a stream sends. */
  readonly argumentPieces: readonly string[];
}

export interface SimulatedChoice {
  readonly index: number;
  /** The content's tokens as text pieces; empty when the choice is tool calls only. */
  readonly pieces: readonly string[];
  readonly content: string | null;
  readonly toolCalls: readonly SimulatedToolCall[];
  readonly finishReason: FinishReason;
  /** A deterministic log probability per content piece. */
  readonly logprobs: readonly number[];
}

export interface SimulatedAnswer {
  readonly choices: readonly SimulatedChoice[];
  readonly completionTokens: number;
  readonly systemFingerprint: string;
  /** How many top alternatives each logprobs entry lists; undefined when logprobs were not asked for. */
  readonly topLogprobs: number | undefined;
}

interface FunctionTool {
  readonly name: string;
  readonly parameters: unknown;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * What the simulator answers, derived only from the request (same request,
 * same answer): text built from the conversation, tool calls when tools are
 * given (honouring tool_choice and parallel_tool_calls, arguments valid
 * against each tool's schema), JSON for json_object and json_schema, `n`
 * choices, logprobs and a system fingerprint that depends on the seed alone.
 */
export function simulatedAnswer(
  request: ProviderRequest,
  tokens: TokenCounter,
  sampler: SchemaSampler,
): SimulatedAnswer {
  const body = request.body ?? {};
  const seed = typeof body.seed === 'number' ? body.seed : undefined;
  const count = typeof body.n === 'number' ? body.n : 1;
  const choices = Array.from({ length: count }, (_, index) => {
    const digest = digestOf(request.messages, seed, index);
    const calls = toolCalls(request, body, digest, sampler);
    if (calls.length > 0) return toolChoice(index, calls);
    return textChoice(index, request, body, digest, tokens, sampler);
  });
  const logprobs = body.logprobs === true;
  return {
    choices,
    completionTokens: choices.reduce(
      (total, choice) =>
        total +
        choice.pieces.length +
        choice.toolCalls.reduce((sum, call) => sum + tokens.count(call.name + call.argumentPieces.join('')), 0),
      0,
    ),
    systemFingerprint: `fp_${createHash('sha256')
      .update(`simulated:${seed ?? 'none'}`)
      .digest('hex')
      .slice(0, 12)}`,
    topLogprobs: logprobs ? (typeof body.top_logprobs === 'number' ? body.top_logprobs : 0) : undefined,
  };
}

/** The same conversation (and seed, and choice) always hashes the same; the first choice without a seed as before. */
function digestOf(messages: readonly ChatMessage[], seed: number | undefined, index: number): Buffer {
  const hash = createHash('sha256').update(
    JSON.stringify(messages.map((message) => [message.role, messageText(message)])),
  );
  if (seed !== undefined) hash.update(`|seed:${seed}`);
  if (index > 0) hash.update(`|choice:${index}`);
  return hash.digest();
}

function functionTools(body: Readonly<Record<string, unknown>>): FunctionTool[] {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return tools.flatMap((tool, position) => {
    const fn = record(record(tool)?.function);
    if (record(tool)?.type !== 'function' || typeof fn?.name !== 'string') {
      throw invalidRequest(`tools.${position}: expected a function tool with a name.`, `tools.${position}`);
    }
    return [{ name: fn.name, parameters: fn.parameters ?? { type: 'object', properties: {} } }];
  });
}

/** Which tools to call: none, the forced one, those the last user message names, or one the digest picks. */
function toolCalls(
  request: ProviderRequest,
  body: Readonly<Record<string, unknown>>,
  digest: Buffer,
  sampler: SchemaSampler,
): SimulatedToolCall[] {
  const tools = functionTools(body);
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === 'none') return [];
  const forcedName = record(record(choice)?.function)?.name;
  let chosen: FunctionTool[];
  if (typeof forcedName === 'string') {
    const forced = tools.find((tool) => tool.name === forcedName);
    if (forced === undefined) {
      throw invalidRequest(`tool_choice: no tool named '${forcedName}' is in tools.`, 'tool_choice');
    }
    chosen = [forced];
  } else {
    const last = request.messages.at(-1);
    // After the tools answered, "auto" replies in text, so an agent loop ends; "required" calls again.
    if (choice !== 'required' && last?.role === 'tool') return [];
    const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
    const asked = lastUser === undefined ? '' : messageText(lastUser).toLowerCase();
    const named = tools.filter((tool) => asked.includes(tool.name.toLowerCase()));
    chosen = named.length > 0 ? named : [tools[(digest[1] ?? 0) % tools.length] as FunctionTool];
    if (body.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  }
  return chosen.map((tool, position) => {
    const argumentsJson = JSON.stringify(
      sampler.sample(tool.parameters, `tools.${tool.name}.function.parameters`, digest),
    );
    return {
      id: `call_${digest.toString('hex').slice(position * 4, position * 4 + 24)}`,
      name: tool.name,
      argumentPieces: chunkText(argumentsJson, 8),
    };
  });
}

function toolChoice(index: number, calls: SimulatedToolCall[]): SimulatedChoice {
  return { index, pieces: [], content: null, toolCalls: calls, finishReason: 'tool_calls', logprobs: [] };
}

function textChoice(
  index: number,
  request: ProviderRequest,
  body: Readonly<Record<string, unknown>>,
  digest: Buffer,
  tokens: TokenCounter,
  sampler: SchemaSampler,
): SimulatedChoice {
  let text = structuredText(body, digest, request, sampler) ?? proseOf(request.messages, digest);
  let finishReason: FinishReason = 'stop';
  for (const stop of request.stop) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at >= 0) text = text.slice(0, at);
  }
  let pieces = tokens.pieces(text);
  if (request.maxTokens !== undefined && pieces.length > request.maxTokens) {
    pieces = pieces.slice(0, request.maxTokens);
    text = pieces.join('');
    finishReason = 'length';
  }
  const logprobs = pieces.map((_, i) => -((digest[(i + 2) % 32] ?? 0) / 64));
  return { index, pieces, content: text, toolCalls: [], finishReason, logprobs };
}

/** JSON text for response_format json_schema (valid against it) or json_object; undefined for text. */
function structuredText(
  body: Readonly<Record<string, unknown>>,
  digest: Buffer,
  request: ProviderRequest,
  sampler: SchemaSampler,
): string | undefined {
  const format = record(body.response_format);
  if (format?.type === 'json_schema') {
    const schema = record(format.json_schema)?.schema;
    if (schema === undefined) {
      throw invalidRequest('response_format.json_schema.schema: a schema is required.', 'response_format');
    }
    return JSON.stringify(sampler.sample(schema, 'response_format.json_schema.schema', digest));
  }
  if (format?.type === 'json_object') return JSON.stringify({ reply: proseOf(request.messages, digest) });
  return undefined;
}

/** The simulator's prose: it echoes the last user message (or tool result) and adds words from the digest. */
function proseOf(messages: readonly ChatMessage[], digest: Buffer): string {
  const last = messages.at(-1);
  const source = last?.role === 'tool' ? last : [...messages].reverse().find((message) => message.role === 'user');
  const echo = (source === undefined ? '' : messageText(source)).split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  const words = Array.from(
    { length: 12 + ((digest[0] ?? 0) % 24) },
    (_, i) => VOCABULARY[(digest[i % 32] ?? 0) % VOCABULARY.length],
  );
  const lead = last?.role === 'tool' ? 'Simulated reply from the tool result' : 'Simulated reply to';
  return `${lead} "${echo}": ${words.join(' ')}.`;
}

function chunkText(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces.length === 0 ? [''] : pieces;
}

/** The alternatives a logprobs entry lists: the token itself first, then vocabulary words less likely. */
export function topAlternatives(token: string, logprob: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const alternative = i === 0 ? token : ` ${VOCABULARY[(token.length + i) % VOCABULARY.length] ?? ''}`;
    return { token: alternative, logprob: logprob - i, bytes: [...Buffer.from(alternative, 'utf8')] };
  });
}
