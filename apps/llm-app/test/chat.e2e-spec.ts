import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

describe('llm-app POST /chat', () => {
  let running: RunningApp;
  const chat = (body: object) => request(running.baseUrl).post('/chat').send(body);

  beforeAll(async () => {
    running = await startLlmApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('answers with the reply, usage, model and a new conversation id', async () => {
    const response = await chat({ message: 'Hello' }).expect(200);
    expect(response.body).toEqual({
      reply: expect.stringContaining('Hello'),
      conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      model: 'simulated',
      usage: {
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
        totalTokens: expect.any(Number),
      },
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('remembers the conversation: the second turn sends the first turn as history', async () => {
    const first = await chat({ message: 'My name is Ada', conversationId: 'memory-test' }).expect(200);
    const second = await chat({ message: 'And yours?', conversationId: 'memory-test' }).expect(200);
    const fresh = await chat({ message: 'And yours?', conversationId: 'another-one' }).expect(200);
    // History makes the prompt larger, and the simulator's reply depends on the whole conversation.
    expect(second.body.usage.promptTokens).toBeGreaterThan(first.body.usage.totalTokens);
    expect(fresh.body.usage.promptTokens).toBeLessThan(second.body.usage.promptTokens);
    expect(second.body.reply).not.toBe(fresh.body.reply);
  });

  it('continues a conversation by the id its first reply returned', async () => {
    const first = await chat({ message: 'My name is Ada' }).expect(200);
    const second = await chat({ message: 'And yours?', conversationId: first.body.conversationId }).expect(200);
    const fresh = await chat({ message: 'And yours?' }).expect(200);
    expect(second.body.conversationId).toBe(first.body.conversationId);
    expect(second.body.usage.promptTokens).toBeGreaterThan(first.body.usage.totalTokens);
    expect(fresh.body.usage.promptTokens).toBeLessThan(second.body.usage.promptTokens);
  });

  it('answers invalid input with 400 problem+json naming the field', async () => {
    const response = await chat({ message: '', conversationId: 'bad id!' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['message', 'conversationId']));
  });
});

describe('llm-app POST /chat with two callers', () => {
  const KEYS = ['chat-caller-a-key', 'chat-caller-b-key'];
  let running: RunningApp;
  const chatAs = (key: string, body: object) =>
    request(running.baseUrl).post('/chat').set('authorization', `Bearer ${key}`).send(body);

  beforeAll(async () => {
    const digests = KEYS.map((key) => createHash('sha256').update(key).digest('hex')).join(',');
    running = await startLlmApp({ env: { LLM_API_KEY_SHA256: digests } });
  });

  afterAll(async () => {
    await running.close();
  });

  it("never continues another caller's conversation: the same id from a second caller starts empty", async () => {
    const [a, b] = KEYS as [string, string];
    // GIVEN caller A has a conversation with some history under an id of their choice
    await chatAs(a, { message: 'My secret is 4711', conversationId: 'team-notes' }).expect(200);
    const aSecond = await chatAs(a, { message: 'What did I say?', conversationId: 'team-notes' }).expect(200);
    // WHEN caller B sends the same message under the same id
    const bFirst = await chatAs(b, { message: 'What did I say?', conversationId: 'team-notes' }).expect(200);
    // THEN B's prompt carries no history (A's turn would make it larger), and A's history is intact
    const bAlone = await chatAs(b, { message: 'What did I say?', conversationId: 'fresh-b' }).expect(200);
    expect(bFirst.body.usage.promptTokens).toBe(bAlone.body.usage.promptTokens);
    expect(aSecond.body.usage.promptTokens).toBeGreaterThan(bFirst.body.usage.promptTokens);
    const aThird = await chatAs(a, { message: 'And now?', conversationId: 'team-notes' }).expect(200);
    expect(aThird.body.usage.promptTokens).toBeGreaterThan(aSecond.body.usage.totalTokens);
  });

  it("answers another caller's conversation id and an unknown one with the same 404", async () => {
    const [a, b] = KEYS as [string, string];
    // GIVEN caller A's conversation, under the id the server issued
    const started = await chatAs(a, { message: 'My secret is 4711' }).expect(200);
    const id = started.body.conversationId as string;
    // WHEN caller B presents that id, and an id nobody was issued
    const stolen = await chatAs(b, { message: 'What did A say?', conversationId: id });
    const unknown = await chatAs(b, {
      message: 'What did A say?',
      conversationId: '01900000-0000-7000-8000-000000000000',
    });
    // THEN both are the same 404 problem+json (only the id named differs), and A's conversation goes on
    for (const response of [stolen, unknown]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('not-found');
    }
    const comparable = (body: Record<string, unknown>, conversationId: string) => ({
      ...body,
      requestId: undefined,
      detail: String(body.detail).replace(conversationId, '<id>'),
    });
    expect(comparable(stolen.body, id)).toEqual(comparable(unknown.body, '01900000-0000-7000-8000-000000000000'));
    const aSecond = await chatAs(a, { message: 'What did I say?', conversationId: id }).expect(200);
    expect(aSecond.body.usage.promptTokens).toBeGreaterThan(started.body.usage.totalTokens);
  });
});

describe('llm-app streaming when the client disconnects', () => {
  it('ends the request and releases its in-flight slot long before the reply would have ended', async () => {
    // GIVEN a simulator slow enough that a full reply would take over 10 s
    const running = await startLlmApp({ env: { LLM_SIMULATED_TOKENS_PER_SECOND: '2' } });
    try {
      const body = JSON.stringify({ model: 'simulated', messages: [{ role: 'user', content: 'long' }], stream: true });
      // WHEN the client reads the first chunk and hangs up
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${running.baseUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        req.on('response', (response) => {
          response.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
        req.end(body);
      });
      // THEN the server notices and ends the request instead of generating for the absent client
      const inFlight = async () => {
        const text = (await request(running.baseUrl).get('/metrics')).text;
        const samples = text.split('\n').filter((line) => line.startsWith('http_server_active_requests'));
        if (samples.length === 0) return NaN;
        return samples.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      };
      let value = await inFlight();
      for (let attempt = 0; attempt < 30 && value !== 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        value = await inFlight();
      }
      expect(value).toBe(0);
    } finally {
      await running.close();
    }
  });
});
