import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { messageText } from '../openai/chat-completion.schema';
import {
  ChatProvider,
  type FinishReason,
  type ProviderCompletion,
  type ProviderRequest,
  type ProviderStreamEvent,
} from './chat-provider';
import { TokenCounter } from './token-counter';

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

/**
 * A stand-in for a real model, and the default provider: no key, no network.
 * The reply is derived deterministically from the conversation (same prompt,
 * same reply), token counts come from a real tokenizer, and time to first
 * token and tokens per second are configurable, so metrics and traces look
 * like a real model's. It does not understand anything.
 */
@Injectable()
export class SimulatedProvider extends ChatProvider {
  readonly name = 'simulated';
  readonly serverAddress = undefined;

  constructor(
    private readonly tokens: TokenCounter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async complete(request: ProviderRequest, signal: AbortSignal): Promise<ProviderCompletion> {
    const { text, pieces, finishReason } = this.reply(request);
    await this.clock.sleep(this.config.llm.simulated.timeToFirstTokenMs + this.generationMs(pieces.length), signal);
    return { text, finishReason, usage: this.usage(request, pieces.length), responseModel: request.model };
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderStreamEvent> {
    const { pieces, finishReason } = this.reply(request);
    await this.clock.sleep(this.config.llm.simulated.timeToFirstTokenMs, signal);
    const perToken = 1_000 / this.config.llm.simulated.tokensPerSecond;
    for (const [index, piece] of pieces.entries()) {
      if (index > 0) await this.clock.sleep(perToken, signal);
      yield { type: 'delta', text: piece };
    }
    yield { type: 'done', finishReason, usage: this.usage(request, pieces.length), responseModel: request.model };
  }

  isReachable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  private generationMs(outputTokens: number): number {
    return (Math.max(outputTokens - 1, 0) * 1_000) / this.config.llm.simulated.tokensPerSecond;
  }

  private usage(request: ProviderRequest, completionTokens: number) {
    return { promptTokens: this.tokens.countPrompt(request.messages), completionTokens, estimated: false };
  }

  /** The deterministic reply, cut at a stop sequence or at max tokens, and its tokens (tokenized once). */
  private reply(request: ProviderRequest): { text: string; pieces: string[]; finishReason: FinishReason } {
    const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
    const prompt = lastUser === undefined ? '' : messageText(lastUser);
    const digest = createHash('sha256')
      .update(JSON.stringify(request.messages.map((message) => [message.role, messageText(message)])))
      .digest();
    const words = Array.from(
      { length: 12 + ((digest[0] ?? 0) % 24) },
      (_, i) => VOCABULARY[(digest[i % 32] ?? 0) % VOCABULARY.length],
    );
    const echo = prompt.split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
    let text = `Simulated reply to "${echo}": ${words.join(' ')}.`;
    let finishReason: FinishReason = 'stop';
    for (const stop of request.stop) {
      const at = stop === '' ? -1 : text.indexOf(stop);
      if (at >= 0) text = text.slice(0, at);
    }
    let pieces = this.tokens.pieces(text);
    if (request.maxTokens !== undefined && pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, request.maxTokens);
      text = pieces.join('');
      finishReason = 'length';
    }
    return { text, pieces, finishReason };
  }
}
