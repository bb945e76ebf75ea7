import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

interface Chunk {
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

/** The `data:` payloads of an SSE body, in order. */
function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

describe('llm-app POST /v1/chat/completions', () => {
  let running: RunningApp;
  const ask = (body: object) => request(running.baseUrl).post('/v1/chat/completions').send(body);
  const hello = { model: 'simulated', messages: [{ role: 'user', content: 'Explain a histogram in one line.' }] };

  beforeAll(async () => {
    running = await startLlmApp();
  });

  afterAll(async () => {
    await running.close();
  });

  describe('without streaming', () => {
    it('answers in the chat.completion shape with consistent usage', async () => {
      const response = await ask(hello).expect(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^chatcmpl-/),
        object: 'chat.completion',
        created: expect.any(Number),
        model: 'simulated',
        // Issue #12: the simulator answers with a seed-stable system fingerprint, as OpenAI does.
        system_fingerprint: expect.stringMatching(/^fp_[0-9a-f]{12}$/),
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: expect.stringContaining('Explain a histogram'), refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: expect.any(Number),
          completion_tokens: expect.any(Number),
          total_tokens: expect.any(Number),
        },
      });
      const { prompt_tokens, completion_tokens, total_tokens } = response.body.usage;
      expect(total_tokens).toBe(prompt_tokens + completion_tokens);
      expect(completion_tokens).toBeGreaterThan(5);
    });

    it('is deterministic: the same conversation gets the same reply', async () => {
      const first = await ask(hello).expect(200);
      const second = await ask(hello).expect(200);
      expect(second.body.choices[0].message.content).toBe(first.body.choices[0].message.content);
      const other = await ask({ ...hello, messages: [{ role: 'user', content: 'Something else' }] }).expect(200);
      expect(other.body.choices[0].message.content).not.toBe(first.body.choices[0].message.content);
    });

    it('stops at max_tokens with finish_reason "length", counting exactly that many tokens', async () => {
      for (const limit of [{ max_tokens: 3 }, { max_completion_tokens: 3 }]) {
        const response = await ask({ ...hello, ...limit }).expect(200);
        expect(response.body.choices[0].finish_reason).toBe('length');
        expect(response.body.usage.completion_tokens).toBe(3);
      }
    });

    it('cuts the reply before a stop sequence', async () => {
      const response = await ask({ ...hello, stop: ['histogram'] }).expect(200);
      expect(response.body.choices[0].message.content).toBe('Simulated reply to "Explain a ');
    });

    it('accepts text-part content and ignores optional fields it does not use', async () => {
      const response = await ask({
        model: 'simulated',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi ' },
              { type: 'text', text: 'there' },
            ],
          },
        ],
        presence_penalty: 0.5,
        seed: 7,
        temperature: 0,
      });
      expect(response.status).toBe(200);
      expect(response.body.choices[0].message.content).toContain('Hi there');
    });
  });

  describe('with streaming', () => {
    it('sends SSE chunks that add up to the non-streamed reply, then [DONE]', async () => {
      const whole = await ask(hello).expect(200);
      const response = await ask({ ...hello, stream: true, stream_options: { include_usage: true } }).expect(200);
      expect(response.headers['content-type']).toContain('text/event-stream');
      const data = sseData(response.text);
      expect(data.at(-1)).toBe('[DONE]');
      const chunks = data.slice(0, -1).map((payload) => JSON.parse(payload) as Chunk);
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
      expect(text).toBe(whole.body.choices[0].message.content);
      const finish = chunks.filter((chunk) => chunk.choices[0]?.finish_reason !== null && chunk.choices.length > 0);
      expect(finish.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual(['stop']);
      const usage = chunks.at(-1);
      expect(usage?.choices).toEqual([]);
      expect(usage?.usage).toEqual(whole.body.usage);
    });

    it('sends no usage chunk unless asked', async () => {
      const response = await ask({ ...hello, stream: true }).expect(200);
      const chunks = sseData(response.text)
        .slice(0, -1)
        .map((payload) => JSON.parse(payload) as Chunk);
      expect(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
    });
  });

  describe('errors, in the OpenAI shape', () => {
    it('answers an unknown model with 404 model_not_found', async () => {
      const response = await ask({ ...hello, model: 'gpt-nothing' });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: {
          message: "The model 'gpt-nothing' does not exist.",
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      });
    });

    it.each([
      ['no messages', { model: 'simulated', messages: [] }, 'messages'],
      ['an unknown role', { model: 'simulated', messages: [{ role: 'wizard', content: 'x' }] }, 'messages.0.role'],
      ['a temperature above 2', { ...hello, temperature: 3 }, 'temperature'],
      ['max_tokens of zero', { ...hello, max_tokens: 0 }, 'max_tokens'],
      ['no model', { messages: hello.messages }, 'model'],
    ])('answers %s with 400 naming the param', async (_name, body, param) => {
      const response = await ask(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', param });
    });

    it('answers malformed JSON with a 400 in the OpenAI shape, not problem+json', async () => {
      const response = await request(running.baseUrl)
        .post('/v1/chat/completions')
        .set('content-type', 'application/json')
        .send('{"model": ');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.body.error.type).toBe('invalid_request_error');
    });
  });
});

describe('llm-app GET /v1/models', () => {
  it('lists the configured models in the OpenAI list format', async () => {
    const running = await startLlmApp({ env: { LLM_SIMULATED_MODELS: 'simulated,simulated-large' } });
    try {
      const response = await request(running.baseUrl).get('/v1/models').expect(200);
      expect(response.body).toEqual({
        object: 'list',
        data: [
          { id: 'simulated', object: 'model', created: 0, owned_by: 'simulated' },
          { id: 'simulated-large', object: 'model', created: 0, owned_by: 'simulated' },
        ],
      });
    } finally {
      await running.close();
    }
  });
});
