import fc from 'fast-check';
import { jsonNestsDeeperThan, unrepresentableStrings } from './json-body';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe(jsonNestsDeeperThan.name, () => {
  it('accepts a body exactly at the limit and refuses one level more', () => {
    expect(jsonNestsDeeperThan(nested(64), 64)).toBe(false);
    expect(jsonNestsDeeperThan(nested(65), 64)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":${nested(64)}}`, 64)).toBe(true);
  });

  it('does not count brackets inside strings, including after escaped quotes', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '['.repeat(500) }), 4)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: `\\"${'{'.repeat(500)}` }), 4)).toBe(false);
  });

  it('finds 100,000 levels without overflowing the stack', () => {
    expect(jsonNestsDeeperThan(nested(100_000), 64)).toBe(true);
  });

  it('agrees with the depth of any generated JSON value', () => {
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null
        ? 1 + Math.max(0, ...Object.values(value).map((child) => depthOf(child)))
        : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (value, limit) => {
        expect(jsonNestsDeeperThan(JSON.stringify(value), limit)).toBe(depthOf(value) > limit);
      }),
    );
  });
});

describe(unrepresentableStrings.name, () => {
  it('names the field holding a NUL character', () => {
    expect(unrepresentableStrings({ name: 'a\u0000b', description: 'fine' })).toEqual([
      { field: 'name', message: 'must not contain a NUL character (U+0000)' },
    ]);
  });

  it('names a nested field holding a lone surrogate', () => {
    expect(unrepresentableStrings({ messages: [{ content: 'x\ud800' }] })).toEqual([
      { field: 'messages.0.content', message: 'must not contain a lone UTF-16 surrogate (it is not valid Unicode)' },
    ]);
  });

  it('refuses such characters in keys too, escaped in the field name', () => {
    expect(unrepresentableStrings({ 'a\u0000': 1 })).toEqual([
      { field: 'a\\u0000', message: 'a key must not contain a NUL character (U+0000)' },
    ]);
  });

  it('accepts well-formed text, including astral characters made of surrogate pairs', () => {
    expect(unrepresentableStrings({ name: 'telescope 🔭', tags: ['ü', 'ß'] })).toEqual([]);
  });
});
