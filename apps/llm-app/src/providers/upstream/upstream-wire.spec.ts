import { readChunk, readCompletion } from './upstream-wire';

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

const message = { role: 'assistant', content: 'Hi' };

describe(readCompletion.name, () => {
  it('reads the ids, choices and usage of a completion, keeping fields the gateway does not know', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, completion_tokens_details: { reasoning_tokens: 1 } };
    const choices = [{ index: 0, message: { ...message, tool_calls: [] }, finish_reason: 'stop', logprobs: null }];
    expect(readCompletion({ id: 'c1', model: 'm', object: 'chat.completion', choices, usage })).toEqual({
      id: 'c1',
      model: 'm',
      choices,
      usage,
    });
  });

  it('accepts null contents, finish reasons and usage, as upstreams send them', () => {
    const completion = readCompletion({ choices: [{ message: { content: null }, finish_reason: null }], usage: null });
    expect(completion).toEqual({ choices: [{ message: { content: null }, finish_reason: null }], usage: null });
  });

  it.each([
    ['an array', [{ message }]],
    ['no choices', { choices: [] }],
    ['choices that are not an array', { choices: { 0: { message } } }],
    ['a choice without a message', { choices: [{ finish_reason: 'stop' }] }],
    ['a message that is not an object', { choices: [{ message: 'Hi' }] }],
    ['content that is not a string', { choices: [{ message: { content: ['Hi'] } }] }],
    ['a finish reason that is not a string', { choices: [{ message, finish_reason: 0 }] }],
    ['an id that is not a string', { id: 1, choices: [{ message }] }],
    ['a model that is null', { model: null, choices: [{ message }] }],
    ['usage with negative tokens', { choices: [{ message }], usage: { prompt_tokens: -1, completion_tokens: 0 } }],
  ])('refuses %s', (_, json) => {
    expect(readCompletion(json)).toBeUndefined();
  });
});
