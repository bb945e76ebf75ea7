import { readChunk } from './upstream-wire';

const choice = { index: 0, delta: { content: 'Hi' }, finish_reason: null };

describe(readChunk.name, () => {
  it('reads the ids, choices and usage of a chunk, keeping fields the gateway does not know', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 1 } };
    const chunk = readChunk({ id: 'c1', model: 'm', choices: [{ ...choice, logprobs: null }], usage, extra: 1 });
    expect(chunk).toEqual({ id: 'c1', model: 'm', choices: [{ ...choice, logprobs: null }], usage });
  });

  it('reads a chunk without choices as one with none', () => {
    expect(readChunk({ id: 'c1', usage: null })?.choices).toEqual([]);
  });

  it.each([
    ['an array', [choice]],
    ['a chunk whose id is not a string', { id: 7, choices: [choice] }],
    ['a chunk whose model is null', { model: null, choices: [choice] }],
    ['choices that are not an array', { choices: { 0: choice } }],
    ['a choice that is not an object', { choices: ['Hi'] }],
    ['a choice with a negative index', { choices: [{ ...choice, index: -1 }] }],
    ['a choice with a fractional index', { choices: [{ ...choice, index: 0.5 }] }],
    ['a delta that is not an object', { choices: [{ ...choice, delta: 'Hi' }] }],
    ['content that is not a string', { choices: [{ ...choice, delta: { content: 42 } }] }],
    ['a finish reason that is not a string', { choices: [{ ...choice, finish_reason: 1 }] }],
    ['usage without completion tokens', { choices: [], usage: { prompt_tokens: 3 } }],
  ])('refuses %s', (_, json) => {
    expect(readChunk(json)).toBeUndefined();
  });

  it('accepts null deltas, contents and finish reasons, as upstreams send them', () => {
    expect(readChunk({ choices: [{ delta: null, finish_reason: 'stop' }] })).toBeDefined();
    expect(readChunk({ choices: [{ delta: { content: null, tool_calls: [] } }] })).toBeDefined();
  });
});
