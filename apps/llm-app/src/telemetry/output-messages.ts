import type { WireObject } from '../providers/chat-provider';

/** A GenAI output message: the parts of one choice, as the conventions' gen_ai.output.messages lists them. */
export interface OutputMessage {
  readonly role: 'assistant';
  readonly parts: readonly (
    | { readonly type: 'text'; readonly content: string }
    | { readonly type: 'tool_call'; readonly id?: string; readonly name?: string; readonly arguments: string }
  )[];
  readonly finish_reason: string;
}

interface ChoiceState {
  text: string;
  finishReason: string;
  calls: { id?: string; name?: string; arguments: string }[];
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Gathers the output messages of a completion or of a stream's chunks
 * (text and tool calls per choice). Used only with LLM_CAPTURE_CONTENT=true.
 */
export class OutputMessages {
  private readonly choices = new Map<number, ChoiceState>();

  static ofCompletion(wire: WireObject): OutputMessage[] {
    const messages = new OutputMessages();
    for (const [position, choice] of (Array.isArray(wire.choices) ? wire.choices : []).entries()) {
      messages.add(record(choice), 'message', position);
    }
    return messages.list();
  }

  addChunk(chunk: WireObject): void {
    for (const [position, choice] of (Array.isArray(chunk.choices) ? chunk.choices : []).entries()) {
      this.add(record(choice), 'delta', position);
    }
  }

  list(): OutputMessage[] {
    return [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, state]) => ({
        role: 'assistant' as const,
        parts: [
          ...(state.text === '' ? [] : [{ type: 'text' as const, content: state.text }]),
          ...state.calls.map((call) => ({ type: 'tool_call' as const, ...call })),
        ],
        finish_reason: state.finishReason,
      }));
  }

  private add(choice: Record<string, unknown> | undefined, field: 'message' | 'delta', position: number): void {
    if (choice === undefined) return;
    const index = typeof choice.index === 'number' ? choice.index : position;
    const state = this.choices.get(index) ?? { text: '', finishReason: '', calls: [] };
    this.choices.set(index, state);
    const body = record(choice[field]);
    state.text += text(body?.content) ?? '';
    state.finishReason = text(choice.finish_reason) ?? state.finishReason;
    for (const [callPosition, raw] of (Array.isArray(body?.tool_calls) ? body.tool_calls : []).entries()) {
      const call = record(raw);
      const fn = record(call?.function);
      const at = typeof call?.index === 'number' ? call.index : callPosition;
      const current = state.calls[at] ?? { arguments: '' };
      state.calls[at] = {
        ...current,
        ...(text(call?.id) === undefined ? {} : { id: text(call?.id) }),
        ...(text(fn?.name) === undefined ? {} : { name: text(fn?.name) }),
        // A stream sends the arguments in pieces; a completion sends them whole.
        arguments: current.arguments + (text(fn?.arguments) ?? ''),
      };
    }
  }
}
