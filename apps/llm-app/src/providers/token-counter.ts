import { Injectable } from '@nestjs/common';
import type * as GptTokenizer from 'gpt-tokenizer';
import { type ChatMessage, messageText } from '../openai/chat-completion.schema';

/** A run this long of non-space (or of space) characters is encoded in pieces of this length. */
const MAX_RUN = 256;
const LONG_RUN = new RegExp(`\\S{${MAX_RUN}}|\\s{${MAX_RUN}}`);
const LONG_RUN_PIECES = new RegExp(`(\\S{${MAX_RUN}}|\\s{${MAX_RUN}})`);

/**
 * BPE merging is quadratic in the length of one pre-token: a prompt of 30,000 `é` (one
 * "word") took 10.7 s, 30,000 spaces 5.8 s, with the event loop blocked all along. Text
 * without such runs is encoded as is (exact); a long run is cut into MAX_RUN pieces, which
 * changes the count of that run by a few tokens and bounds the cost to linear.
 */
/**
 * gpt-tokenizer's tables, loaded on the first count (decision 0113): requiring them took over a
 * second of start-up and about 70 MB, for counts only the simulator and upstreams that report no
 * usage need.
 */
let tokenizer: typeof GptTokenizer | undefined;
function tables(): typeof GptTokenizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tokenizer ??= require('gpt-tokenizer') as typeof GptTokenizer;
  return tokenizer;
}

const encode = (text: string): number[] => tables().encode(text);

function encodeBounded(text: string): number[] {
  if (!LONG_RUN.test(text)) return encode(text);
  return text
    .split(LONG_RUN_PIECES)
    .filter((piece) => piece !== '')
    .flatMap((piece) => encode(piece));
}

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
    return messages.reduce(
      (total, message) => total + encodeBounded(messageText(message)).length + PER_MESSAGE_OVERHEAD,
      3,
    );
  }

  count(text: string): number {
    return encodeBounded(text).length;
  }

  /** The text split into its tokens, each decoded back to a string: the pieces a stream sends. */
  pieces(text: string): string[] {
    return encodeBounded(text).map((token) => tables().decode([token]));
  }
}
