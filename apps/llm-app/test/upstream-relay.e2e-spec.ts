import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';
import { sseData, streamedText, streamedUsage } from './support/sse';

// One llm-app (simulated) is the OpenAI-compatible upstream of another: the
// relay must answer exactly what the upstream answers directly.
describe('llm-app openai-compatible provider relaying to another llm-app', () => {
  let upstream: RunningApp;
  let relay: RunningApp;
  const messages = [{ role: 'user', content: 'Relay this through the gateway, please.' }];

  beforeAll(async () => {
    upstream = await startLlmApp();
    relay = await startLlmApp({
      env: {
        LLM_UPSTREAM_BASE_URL: `${upstream.baseUrl}/v1`,
        LLM_UPSTREAM_MODELS: 'relay=simulated,missing',
        LLM_UPSTREAM_NAME: 'peer',
        LLM_UPSTREAM_MAX_RETRIES: '0',
      },
    });
  });

  afterAll(async () => {
    await relay?.close();
    await upstream?.close();
  });

  const ask = (app: RunningApp, body: object) => request(app.baseUrl).post('/v1/chat/completions').send(body);

  it('answers a completion with the upstream’s text, finish reason and usage, under the public model name', async () => {
    const direct = await ask(upstream, { model: 'simulated', messages, max_tokens: 7 }).expect(200);
    const relayed = await ask(relay, { model: 'relay', messages, max_tokens: 7 }).expect(200);
    expect(relayed.body.model).toBe('relay');
    expect(relayed.body.choices).toEqual(direct.body.choices);
    expect(relayed.body.usage).toEqual(direct.body.usage);
  });

  it('streams the upstream’s text and usage, ending with [DONE]', async () => {
    const body = { messages, stream: true, stream_options: { include_usage: true } };
    const direct = await ask(upstream, { ...body, model: 'simulated' }).expect(200);
    const relayed = await ask(relay, { ...body, model: 'relay' }).expect(200);
    expect(relayed.headers['content-type']).toContain('text/event-stream');
    expect(streamedText(relayed.text)).toBe(streamedText(direct.text));
    expect(streamedText(relayed.text).length).toBeGreaterThan(10);
    expect(streamedUsage(relayed.text)).toEqual(streamedUsage(direct.text));
    expect(sseData(relayed.text).at(-1)).toBe('[DONE]');
  });

  it('lists the upstream’s models as served by the named provider', async () => {
    const response = await request(relay.baseUrl).get('/v1/models').expect(200);
    expect(response.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'relay', owned_by: 'peer' }),
        expect.objectContaining({ id: 'simulated', owned_by: 'simulated' }),
      ]),
    );
  });

  it('passes on the upstream’s own 404 for a model it does not serve, in the OpenAI shape', async () => {
    const response = await ask(relay, { model: 'missing', messages }).expect(404);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code: 'model_not_found' });
    const streamed = await ask(relay, { model: 'missing', messages, stream: true }).expect(404);
    expect(streamed.body.error.code).toBe('model_not_found');
  });
});
