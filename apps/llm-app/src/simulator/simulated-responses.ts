import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import {
  type FunctionTool,
  type ResponsesRequest,
  functionTools,
  inputItems,
  itemText,
} from '../openai/responses.schema';
import type {
  ResponseAnswer,
  ResponseObject,
  ResponseStreamEvent,
  ResponseStreamItem,
  ResponsesCall,
  ResponsesProvider,
} from '../providers/responses-provider';
import { TokenCounter } from '../providers/token-counter';
import { SchemaSampler } from './schema-sampler';
import { LlmAppConfig } from '../config/llm-app-config';

const VOCABULARY = ['answer', 'token', 'trace', 'model', 'gateway', 'stream', 'the', 'a', 'of', 'and', 'to', 'with'];

type OutputItem = Record<string, unknown> & { readonly type: 'message' | 'function_call'; readonly id: string };

/** What the simulator will answer: the finished output items, and each item's text in the pieces a stream sends. */
interface Plan {
  readonly items: readonly { readonly item: OutputItem; readonly pieces: readonly string[] }[];
  readonly incomplete: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * The Responses API without a model, deterministic (same request, same output): function calls when
 * function tools are given (one per tool the last user message names, else the first tool; only one
 * with `parallel_tool_calls: false`; none with `tool_choice: "none"`; after a `function_call_output`
 * a text answer quoting it unless `tool_choice` forces a call), arguments and `json_schema` outputs
 * valid against their schemas, `json_object` outputs that parse, otherwise text derived from the
 * input, cut at `max_output_tokens` (status `incomplete`). Streams send OpenAI's event sequence at
 * the simulator's pace.
 */
@Injectable()
export class SimulatedResponses implements ResponsesProvider {
  private readonly sampler = new SchemaSampler();

  constructor(
    private readonly tokens: TokenCounter,
    private readonly clock: Clock,
    private readonly config: LlmAppConfig,
  ) {}

  async createResponse(call: ResponsesCall, signal: AbortSignal): Promise<ResponseAnswer> {
    const request = call.body as ResponsesRequest;
    const plan = this.plan(request);
    const { timeToFirstTokenMs, tokensPerSecond } = this.config.llm.simulated;
    await this.clock.sleep(timeToFirstTokenMs + (Math.max(plan.outputTokens - 1, 0) * 1_000) / tokensPerSecond, signal);
    return { response: responseObject(newId('resp'), this.createdAt(), request, call.model, plan, true) };
  }

  async *streamResponse(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamItem> {
    for await (const event of this.events(call, signal)) yield { event };
  }

  private async *events(call: ResponsesCall, signal: AbortSignal): AsyncIterable<ResponseStreamEvent> {
    const request = call.body as ResponsesRequest;
    const plan = this.plan(request);
    const id = newId('resp');
    const createdAt = this.createdAt();
    let sequence = 0;
    const event = (type: string, fields: Record<string, unknown>): ResponseStreamEvent => ({
      type,
      sequence_number: sequence++,
      ...fields,
    });
    const inProgress = responseObject(id, createdAt, request, call.model, plan, false);
    yield event('response.created', { response: inProgress });
    yield event('response.in_progress', { response: inProgress });
    await this.clock.sleep(this.config.llm.simulated.timeToFirstTokenMs, signal);
    const perPieceMs = 1_000 / this.config.llm.simulated.tokensPerSecond;
    let first = true;
    for (const [outputIndex, { item, pieces }] of plan.items.entries()) {
      const place = { item_id: item.id, output_index: outputIndex };
      if (item.type === 'message') {
        const text = pieces.join('');
        yield event('response.output_item.added', {
          output_index: outputIndex,
          item: { ...item, status: 'in_progress', content: [] },
        });
        yield event('response.content_part.added', {
          ...place,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        });
        for (const piece of pieces) {
          if (!first) await this.clock.sleep(perPieceMs, signal);
          first = false;
          yield event('response.output_text.delta', { ...place, content_index: 0, delta: piece, logprobs: [] });
        }
        yield event('response.output_text.done', { ...place, content_index: 0, text, logprobs: [] });
        yield event('response.content_part.done', {
          ...place,
          content_index: 0,
          part: { type: 'output_text', text, annotations: [] },
        });
      } else {
        yield event('response.output_item.added', {
          output_index: outputIndex,
          item: { ...item, status: 'in_progress', arguments: '' },
        });
        for (const piece of pieces) {
          if (!first) await this.clock.sleep(perPieceMs, signal);
          first = false;
          yield event('response.function_call_arguments.delta', { ...place, delta: piece });
        }
        yield event('response.function_call_arguments.done', { ...place, name: item.name, arguments: item.arguments });
      }
      yield event('response.output_item.done', { output_index: outputIndex, item });
    }
    const done = responseObject(id, createdAt, request, call.model, plan, true);
    yield event(plan.incomplete ? 'response.incomplete' : 'response.completed', { response: done });
  }

  private plan(request: ResponsesRequest): Plan {
    const items = inputItems(request);
    const digest = createHash('sha256')
      .update(JSON.stringify([request.instructions ?? '', items.map((item) => [item.type, item.role, itemText(item)])]))
      .digest();
    const inputTokens = [request.instructions ?? '', ...items.map(itemText)].reduce(
      (total, text) => total + this.tokens.count(text),
      0,
    );
    const calls = this.toolsToCall(request, items);
    if (calls.length > 0) {
      const planned = calls.map((tool, index) => {
        const args = JSON.stringify(
          this.sampler.sample(tool.parameters ?? { type: 'object' }, `tools.${tool.name}.parameters`, digest),
        );
        const item: OutputItem = {
          type: 'function_call',
          id: newId('fc'),
          call_id: `call_${createHash('sha256').update(digest).update(String(index)).digest('hex').slice(0, 24)}`,
          name: tool.name,
          arguments: args,
          status: 'completed',
        };
        return { item, pieces: this.tokens.pieces(args) };
      });
      const outputTokens = planned.reduce((total, { pieces }) => total + pieces.length, 0);
      return { items: planned, incomplete: false, inputTokens, outputTokens };
    }
    let pieces = this.tokens.pieces(this.text(request, items, digest));
    const limit = request.max_output_tokens ?? undefined;
    const incomplete = limit !== undefined && pieces.length > limit;
    if (incomplete) pieces = pieces.slice(0, limit);
    const item: OutputItem = {
      type: 'message',
      id: newId('msg'),
      status: incomplete ? 'incomplete' : 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: pieces.join(''), annotations: [] }],
    };
    return { items: [{ item, pieces }], incomplete, inputTokens, outputTokens: pieces.length };
  }

  private toolsToCall(request: ResponsesRequest, items: ReturnType<typeof inputItems>): FunctionTool[] {
    const tools = functionTools(request);
    const choice = request.tool_choice ?? 'auto';
    if (tools.length === 0 || choice === 'none') return [];
    if (typeof choice === 'object') {
      const named = tools.find((tool) => 'name' in choice && tool.name === choice.name);
      return named === undefined ? [] : [named];
    }
    if (choice === 'auto' && items.at(-1)?.type === 'function_call_output') return [];
    const lastUser = [...items].reverse().find((item) => item.role === 'user');
    const text = lastUser === undefined ? '' : itemText(lastUser);
    const mentioned = tools.filter((tool) => text.includes(tool.name));
    const chosen = mentioned.length > 0 ? mentioned : tools.slice(0, 1);
    return request.parallel_tool_calls === false ? chosen.slice(0, 1) : chosen;
  }

  private text(request: ResponsesRequest, items: ReturnType<typeof inputItems>, digest: Buffer): string {
    const format = request.text?.format;
    if (format?.type === 'json_schema') {
      return JSON.stringify(this.sampler.sample(format.schema, 'text.format.schema', digest));
    }
    const words = Array.from(
      { length: 10 + ((digest[0] ?? 0) % 16) },
      (_, i) => VOCABULARY[(digest[i % 32] ?? 0) % VOCABULARY.length],
    ).join(' ');
    const last = items.at(-1);
    const lastUser = [...items].reverse().find((item) => item.role === 'user');
    const echo = (lastUser === undefined ? '' : itemText(lastUser)).split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
    const reply =
      last?.type === 'function_call_output'
        ? `Simulated response after the tool returned ${itemText(last).slice(0, 200)}: ${words}.`
        : `Simulated response to "${echo}": ${words}.`;
    return format?.type === 'json_object' ? JSON.stringify({ reply }) : reply;
  }

  private createdAt(): number {
    return Math.floor(this.clock.nowMs() / 1_000);
  }
}

function responseObject(
  id: string,
  createdAt: number,
  request: ResponsesRequest,
  model: string,
  plan: Plan,
  finished: boolean,
): ResponseObject {
  const status = !finished ? 'in_progress' : plan.incomplete ? 'incomplete' : 'completed';
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: finished && plan.incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output: finished ? plan.items.map(({ item }) => item) : [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    // Nothing is kept: a later request cannot refer to this one by id.
    store: false,
    temperature: request.temperature ?? 1,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: finished
      ? {
          input_tokens: plan.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: plan.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: plan.inputTokens + plan.outputTokens,
        }
      : null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/** `resp_`, `msg_`, `fc_` and 24 random characters, like OpenAI's ids. */
function newId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('hex').slice(0, 24)}`;
}
