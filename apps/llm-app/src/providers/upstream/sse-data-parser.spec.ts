import fc from 'fast-check';
import { SseDataParser } from './sse-data-parser';

const encoder = new TextEncoder();

function parseInPieces(bytes: Uint8Array, cuts: number[]): string[] {
  const parser = new SseDataParser();
  const events: string[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...parser.push(bytes.subarray(start, cut)));
    start = cut;
  }
  events.push(...parser.push(bytes.subarray(start)));
  events.push(...parser.end());
  return events;
}

const STREAM = [
  ': keep-alive comment\n\n',
  'data: {"choices":[{"delta":{"content":"héllo 🌍"}}]}\n\n',
  'event: message\r\ndata: {"choices":[{"delta":{"content":" wörld"}}]}\r\n\r\n',
  'data: first line\ndata: second line\n\n',
  'data:no-space\r\rid: 7\n\n',
  'data: [DONE]\n\n',
].join('');

const EXPECTED = [
  '{"choices":[{"delta":{"content":"héllo 🌍"}}]}',
  '{"choices":[{"delta":{"content":" wörld"}}]}',
  'first line\nsecond line',
  'no-space',
  '[DONE]',
];

describe(SseDataParser.name, () => {
  it('yields each event’s data, joining multi-line data, ignoring comments and other fields', () => {
    expect(parseInPieces(encoder.encode(STREAM), [])).toEqual(EXPECTED);
  });

  it('yields the same events however the bytes are split, even inside characters and CRLFs', () => {
    const bytes = encoder.encode(STREAM);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(parseInPieces(bytes, cuts)).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it('yields an event that ends with the stream instead of a blank line', () => {
    expect(parseInPieces(encoder.encode('data: a\n\ndata: last'), [])).toEqual(['a', 'last']);
  });

  it('yields nothing for an event still waiting for its blank line', () => {
    expect(new SseDataParser().push(encoder.encode('data: incomplete\n'))).toEqual([]);
  });
});
