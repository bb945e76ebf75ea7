import { Injectable } from '@nestjs/common';
import { decode, encode } from 'gpt-tokenizer';
import { type ChatMessage, messageText } from '../openai/chat-completion.schema';

/**
 * Token counts with a real BPE tokenizer (gpt-tokenizer's default encoding),
 * used by the simulator and to estimate usage when an upstream reports none.
 * Counts for other model families are estimates and are marked as such.
 */
@Injectable()
export class TokenCounter {
  /** Tokens of a chat prompt: each message's text plus a small per-message overhead, as chat formats add. */
  countPrompt(messages: readonly ChatMessage[]): number {
    const PER_MESSAGE_OVERHEAD = 4;
    return messages.reduce((total, message) => total + encode(messageText(message)).length + PER_MESSAGE_OVERHEAD, 3);
  }

  count(text: string): number {
    return encode(text).length;
  }

  /** The text split into its tokens, each decoded back to a string: the pieces a stream sends. */
  pieces(text: string): string[] {
    return encode(text).map((token) => decode([token]));
  }
}
