import { withMember } from './json-members';

const MODEL = JSON.stringify('public-model');

/** What the relay answered before the in-place rewrite: the parsed object, the model set, `drop` deleted. */
function reserialized(text: string, drop?: string): unknown {
  const object: Record<string, unknown> = { ...(JSON.parse(text) as Record<string, unknown>), model: 'public-model' };
  if (drop !== undefined) delete object[drop];
  return object;
}

describe(withMember.name, () => {
  describe('setting a member', () => {
    it('replaces the value where it stands and leaves every other byte as the upstream wrote it', () => {
      const text = '{"id":"c1", "model" : "up-model","created":1.50e3,"text":"caf\\u00e9 \u{1F600}"}';
      expect(withMember(text, 'model', MODEL)).toBe(
        '{"id":"c1", "model" : "public-model","created":1.50e3,"text":"caf\\u00e9 \u{1F600}"}',
      );
    });

    it('replaces a value of any type, not only a string', () => {
      expect(withMember('{"model":null,"a":1}', 'model', MODEL)).toBe('{"model":"public-model","a":1}');
      expect(withMember('{"a":1,"model":{"v":[1,"}"]}}', 'model', MODEL)).toBe('{"a":1,"model":"public-model"}');
      expect(withMember('{"model":42}', 'model', MODEL)).toBe('{"model":"public-model"}');
    });

    it('adds the member last when the object has none, as a spread of the parsed object places it', () => {
      expect(withMember('{"id":"c1","choices":[]}', 'model', MODEL)).toBe(
        '{"id":"c1","choices":[],"model":"public-model"}',
      );
      expect(withMember('{}', 'model', MODEL)).toBe('{"model":"public-model"}');
      expect(withMember(' { } ', 'model', MODEL)).toBe(' { "model":"public-model"} ');
    });

    it('does not take a look-alike for the member: nested keys, longer keys, the name inside strings', () => {
      const text =
        '{"models":"m","choices":[{"model":"inner","delta":{"content":"say \\"model\\":\\"x\\" \\\\"}}],"note":"\\"model\\""}';
      const rewritten = withMember(text, 'model', MODEL);
      expect(rewritten).toBe(`${text.slice(0, -1)},"model":"public-model"}`);
      expect(JSON.parse(rewritten ?? '')).toEqual(reserialized(text));
    });
  });

  describe('dropping a member', () => {
    it.each([
      ['first', '{"usage":null,"id":"c1","model":"m"}', '{"id":"c1","model":"public-model"}'],
      ['in the middle', '{"id":"c1","usage":{"prompt_tokens":1},"model":"m"}', '{"id":"c1","model":"public-model"}'],
      ['last', '{"id":"c1","model":"m","usage":null}', '{"id":"c1","model":"public-model"}'],
      ['last, spaced', '{"id":"c1" , "model":"m" , "usage" : null }', '{"id":"c1" , "model":"public-model" }'],
      ['before the model', '{"usage":null,"model":"m"}', '{"model":"public-model"}'],
      ['the only member, no model', '{"usage":null}', '{"model":"public-model"}'],
      ['last, no model', '{"id":"c1","usage":null}', '{"id":"c1","model":"public-model"}'],
    ])('removes it when it comes %s, with its comma', (_, text, expected) => {
      expect(withMember(text, 'model', MODEL, 'usage')).toBe(expected);
      expect(JSON.parse(expected)).toEqual(reserialized(text, 'usage'));
    });

    it('changes nothing else when the member is absent', () => {
      expect(withMember('{"id":"c1","model":"m"}', 'model', MODEL, 'usage')).toBe('{"id":"c1","model":"public-model"}');
    });
  });

  describe('what it leaves to the caller (undefined: serialize the parsed object instead)', () => {
    it.each([
      ['a line break between tokens (it would end the SSE data line)', '{\n"model":"m"\n}'],
      ['a carriage return', '{"model":"m",\r"a":1}'],
      ['a key spelled with escapes, which may be the member', '{"mod\\u0065l":"m"}'],
      ['the member twice', '{"model":"a","model":"b"}'],
      ['the dropped member twice', '{"usage":null,"usage":null}'],
      ['an array', '[{"model":"m"}]'],
      ['a string', '"model"'],
      ['an unterminated string', '{"model":"m'],
      ['trailing text', '{"model":"m"} x'],
    ])('%s', (_, text) => {
      expect(withMember(text, 'model', MODEL, 'usage')).toBeUndefined();
    });

    it('still rewrites a text with escapes when no key has one', () => {
      expect(withMember('{"content":"a\\"b\\\\","model":"m"}', 'model', MODEL)).toBe(
        '{"content":"a\\"b\\\\","model":"public-model"}',
      );
    });
  });
});
