import { encode } from 'gpt-tokenizer';
import { TokenCounter } from './token-counter';

describe(TokenCounter.name, () => {
  const counter = new TokenCounter();

  describe('count', () => {
    it('counts ordinary text exactly as the tokenizer does', () => {
      const text = 'A histogram counts observations in buckets. '.repeat(50);
      expect(counter.count(text)).toBe(encode(text).length);
    });

    it('counts a 30,000-character word and 30,000 spaces (the raw tokenizer spent 16 s on them, past the test timeout)', () => {
      expect(counter.count('é'.repeat(30_000))).toBe(30_000);
      expect(counter.count(' '.repeat(30_000))).toBeGreaterThan(0);
    });
  });

  describe('pieces', () => {
    it('gives back the whole text, long runs included', () => {
      const text = `start ${'x'.repeat(1_000)} middle ${' '.repeat(600)} end`;
      expect(counter.pieces(text).join('')).toBe(text);
    });
  });
});
