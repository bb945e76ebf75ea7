import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/lifecycle';
import {
  ChatProvider,
  type ProviderCompletion,
  type ProviderRequest,
  type ProviderStreamEvent,
  type TokenUsage,
  type WireObject,
} from './chat-provider';
import { SchemaSampler } from '../simulator/schema-sampler';
import {
  type SimulatedAnswer,
  type SimulatedChoice,
  simulatedAnswer,
  topAlternatives,
} from './simulator/simulated-answer';
import { TokenCounter } from './token-counter';
import { LlmAppConfig } from '../config/llm-app-config';

/**
 * A stand-in for a real model, and the default provider: no key, no network.
 * The answer is derived deterministically from the request (same request,
 * same answer; see simulatedAnswer): text, tool calls, JSON for structured
 * outputs, n choices, logprobs. Token counts come from a real tokenizer, and
 * time to first token and tokens per second are configurable, so metrics and
 * traces look like a real model's. It answers in OpenAI's wire format, like an
 * upstream. It does not understand anything.
 */
@Injectable()
export class SimulatedProvider extends ChatProvider {
  readonly name = 'simulated';
  readonly serverAddress = undefined;
  private readonly sampler = new SchemaSampler();

  constructor(
    private readonly tokens: TokenCounter,
    private readonly clock: Clock,
    private readonly config: LlmAppConfig,
  ) {
    super();
  }

  async complete(request: ProviderRequest, signal: AbortSignal): Promise<ProviderCompletion> {
    const answer = simulatedAnswer(request, this.tokens, this.sampler);
    await this.clock.sleep(
      this.config.llm.simulated.timeToFirstTokenMs + this.generationMs(answer.completionTokens),
      signal,
    );
    const usage = this.usage(request, answer);
    const first = answer.choices[0];
    const wire = {
      id: completionId(),
      object: 'chat.completion',
      created: this.createdAt(),
      model: request.model,
      system_fingerprint: answer.systemFingerprint,
      choices: answer.choices.map((choice) => ({
        index: choice.index,
        message: {
          role: 'assistant',
          content: choice.content,
          refusal: null,
          ...(choice.toolCalls.length === 0
            ? {}
            : {
                tool_calls: choice.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.argumentPieces.join('') },
                })),
              }),
        },
        finish_reason: choice.finishReason,
        logprobs: logprobsOf(answer, choice, 0, choice.pieces.length),
      })),
      usage: usageWire(usage),
    };
    return {
      text: first?.content ?? '',
      finishReason: first?.finishReason ?? 'stop',
      finishReasons: answer.choices.map((choice) => choice.finishReason),
      usage,
      responseModel: request.model,
      responseId: wire.id,
      wire,
    };
  }

  /** Chunks as OpenAI streams them: per choice a role chunk, content pieces or tool-call deltas, a finish chunk. */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderStreamEvent> {
    const answer = simulatedAnswer(request, this.tokens, this.sampler);
    const usage = this.usage(request, answer);
    const base = {
      id: completionId(),
      object: 'chat.completion.chunk',
      created: this.createdAt(),
      model: request.model,
      system_fingerprint: answer.systemFingerprint,
    };
    const chunk = (
      index: number,
      delta: object,
      finishReason: string | null,
      logprobs: unknown = null,
    ): WireObject => ({
      ...base,
      choices: [{ index, delta, logprobs, finish_reason: finishReason }],
    });
    await this.clock.sleep(this.config.llm.simulated.timeToFirstTokenMs, signal);
    const perToken = 1_000 / this.config.llm.simulated.tokensPerSecond;
    let sent = 0;
    // Every step checks the signal (a zero sleep too), so a client that left stops the stream at once.
    const pace = () => this.clock.sleep(sent++ > 0 ? perToken : 0, signal);
    for (const choice of answer.choices) {
      yield {
        type: 'delta',
        text: '',
        chunk: chunk(choice.index, { role: 'assistant', content: '', refusal: null }, null),
      };
      for (const [at, piece] of choice.pieces.entries()) {
        await pace();
        const logprobs = logprobsOf(answer, choice, at, at + 1);
        yield { type: 'delta', text: piece, chunk: chunk(choice.index, { content: piece }, null, logprobs) };
      }
      for (const [position, call] of choice.toolCalls.entries()) {
        await pace();
        const opening = {
          index: position,
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: '' },
        };
        yield { type: 'delta', text: '', chunk: chunk(choice.index, { tool_calls: [opening] }, null) };
        for (const piece of call.argumentPieces) {
          await pace();
          const delta = { tool_calls: [{ index: position, function: { arguments: piece } }] };
          yield { type: 'delta', text: '', chunk: chunk(choice.index, delta, null) };
        }
      }
      yield { type: 'delta', text: '', chunk: chunk(choice.index, {}, choice.finishReason) };
    }
    yield {
      type: 'done',
      finishReason: answer.choices[0]?.finishReason ?? 'stop',
      finishReasons: answer.choices.map((choice) => choice.finishReason),
      usage,
      responseModel: request.model,
      responseId: base.id,
      usageChunk: { ...base, choices: [], usage: usageWire(usage) },
    };
  }

  isReachable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  private generationMs(outputTokens: number): number {
    return (Math.max(outputTokens - 1, 0) * 1_000) / this.config.llm.simulated.tokensPerSecond;
  }

  private usage(request: ProviderRequest, answer: SimulatedAnswer): TokenUsage {
    return {
      promptTokens: this.tokens.countPrompt(request.messages),
      completionTokens: answer.completionTokens,
      estimated: false,
    };
  }

  private createdAt(): number {
    return Math.floor(this.clock.nowMs() / 1_000);
  }
}

/** `chatcmpl-` plus 24 random characters, like OpenAI's ids. */
function completionId(): string {
  return `chatcmpl-${randomBytes(18).toString('base64url')}`;
}

function usageWire(usage: TokenUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

/** The choice's logprobs for pieces [from, to), in OpenAI's shape; null unless the request asked for them. */
function logprobsOf(answer: SimulatedAnswer, choice: SimulatedChoice, from: number, to: number) {
  if (answer.topLogprobs === undefined) return null;
  const count = answer.topLogprobs;
  return {
    content: choice.pieces.slice(from, to).map((token, offset) => {
      const logprob = choice.logprobs[from + offset] ?? 0;
      return {
        token,
        logprob,
        bytes: [...Buffer.from(token, 'utf8')],
        top_logprobs: topAlternatives(token, logprob, count),
      };
    }),
    refusal: null,
  };
}
