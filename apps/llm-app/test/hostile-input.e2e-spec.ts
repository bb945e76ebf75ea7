import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

const deepContent = (depth: number): string =>
  `{"model":"simulated","messages":[{"role":"user","content":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;

describe('llm-app refusing hostile input', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startLlmApp({ env: { HTTP_JSON_MAX_DEPTH: '32' } });
  });

  afterAll(async () => {
    await running.close();
  });

  const post = (path: string, body: string) =>
    request(running.baseUrl).post(path).set('content-type', 'application/json').send(body);

  it('answers 400 in the OpenAI error shape naming the limit for 2,000 levels under /v1', async () => {
    const response = await post('/v1/chat/completions', deepContent(2_000));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        message: expect.stringContaining('32 levels'),
        type: 'invalid_request_error',
        code: 'json-too-deep',
        param: null,
      },
    });
  });

  it('answers 400 in the OpenAI error shape naming the field for a NUL character in a message', async () => {
    const body = JSON.stringify({ model: 'simulated', messages: [{ role: 'user', content: 'a\u0000b' }] });
    const response = await post('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', param: 'messages.0.content' });
  });

  it('answers 400 problem+json for 2,000 levels outside /v1', async () => {
    const response = await post('/chat', deepContent(2_000));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('json-too-deep');
  });
});
