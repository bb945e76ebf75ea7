import { request as httpRequest } from 'node:http';
import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';
import { FakeUpstream, REPLY, eventually } from '../../../test/support/fake-openai-upstream';
import { sseData, streamedText } from './support/sse';

const messages = [{ role: 'user', content: 'Are you there?' }];

describe('llm-app openai-compatible provider against a faulty upstream', () => {
  let upstream: FakeUpstream;
  const apps: RunningApp[] = [];

  /** A gateway serving model "remote" from the fake upstream, with these settings on top. */
  async function gateway(env: Record<string, string> = {}): Promise<RunningApp> {
    const app = await startLlmApp({
      env: {
        LLM_UPSTREAM_BASE_URL: upstream.baseUrl,
        LLM_UPSTREAM_MODELS: 'remote=fake-model',
        LLM_UPSTREAM_TIMEOUT_MS: '5000',
        LLM_UPSTREAM_MAX_RETRIES: '2',
        LLM_CIRCUIT_BREAKER_FAILURES: '100',
        ...env,
      },
    });
    apps.push(app);
    return app;
  }

  const ask = (app: RunningApp, body: object = {}) =>
    request(app.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'remote', messages, ...body });

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await upstream.close();
  });

  describe('retries', () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await gateway();
    });

    it('retries 503s and answers with the upstream reply once it recovers', async () => {
      upstream.answer({ kind: 'unavailable' }, { kind: 'unavailable' }, { kind: 'ok' });
      const response = await ask(app).expect(200);
      expect(response.body.choices[0].message.content).toBe(REPLY);
      expect(response.body.usage).toEqual({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
      expect(upstream.requests).toBe(3);
      const metrics = (await request(app.baseUrl).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/llm_upstream_retries_total\{provider="upstream",reason="status_5xx"\} [2-9]/);
    });

    it('retries a streamed request that failed before its first byte', async () => {
      upstream.answer({ kind: 'unavailable' }, { kind: 'ok' });
      const response = await ask(app, { stream: true }).expect(200);
      expect(streamedText(response.text)).toBe(REPLY);
      expect(upstream.requests).toBe(2);
    });

    it('counts usage itself when the upstream reports none', async () => {
      upstream.answer({ kind: 'ok-without-usage' });
      const response = await ask(app).expect(200);
      expect(response.body.choices[0].message.content).toBe(REPLY);
      expect(response.body.usage.completion_tokens).toBeGreaterThan(0);
      expect(response.body.usage.prompt_tokens).toBeGreaterThan(0);
    });

    it('reports a stream that breaks after its first byte in-band, without retrying', async () => {
      upstream.answer({ kind: 'stream-then-drop' }, { kind: 'ok' });
      const response = await ask(app, { stream: true }).expect(200);
      const events = sseData(response.text);
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events
        .slice(0, -1)
        .map((data) => JSON.parse(data) as { error?: unknown; choices?: { delta: { content?: string } }[] });
      expect(chunks.at(-1)).toMatchObject({ error: { type: 'upstream_error' } });
      expect(chunks.slice(0, -1).map((chunk) => chunk.choices?.[0]?.delta.content ?? '')).toEqual(['first ']);
      expect(upstream.requests).toBe(1);
    });

    it('ends a stream whose upstream goes silent mid-way with an in-band timeout, and hangs up on the upstream', async () => {
      const impatient = await gateway({ LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS: '300' });
      upstream.answer({ kind: 'stream-then-hang' });
      const response = await ask(impatient, { stream: true }).expect(200);
      const events = sseData(response.text);
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((data) => JSON.parse(data) as { error?: unknown });
      expect(chunks.at(-1)).toMatchObject({
        error: {
          type: 'upstream_error',
          code: 'upstream_timeout',
          message: expect.stringContaining('went silent for 300 ms'),
        },
      });
      await eventually(() => upstream.abandoned === 1);
      expect(upstream.requests).toBe(1);
      const metrics = (await request(impatient.baseUrl).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/llm_upstream_errors_total\{provider="upstream",reason="timeout"\} 1/);
    });

    it('reads a stream on after its [DONE] until the upstream ends the response, and reuses the connection', async () => {
      upstream.answer({ kind: 'stream-then-late-end' });
      const first = await ask(app, { stream: true }).expect(200);
      expect(streamedText(first.text)).toBe(REPLY);
      await eventually(() => upstream.completed === 1);
      const opened = upstream.connections;
      // Cut off at its [DONE] instead, the first stream's connection would be gone and this one would open another.
      const second = await ask(app, { stream: true }).expect(200);
      expect(streamedText(second.text)).toBe(REPLY);
      expect(upstream.connections).toBe(opened);
    });

    it('answers 502 naming the redirect when the upstream redirects, which the gateway does not follow', async () => {
      upstream.answer({
        kind: 'status',
        status: 308,
        body: '',
        headers: { location: 'https://elsewhere.example/v1/chat/completions' },
      });
      const response = await ask(app).expect(502);
      expect(response.body.error).toMatchObject({
        type: 'upstream_error',
        code: 'upstream_error',
        message: expect.stringContaining('redirect (HTTP 308 to https://elsewhere.example/v1/chat/completions)'),
      });
      expect(upstream.requests).toBe(1);
    });

    it('answers 502 upstream_error when the upstream keeps dropping the connection', async () => {
      upstream.answer({ kind: 'drop' });
      const response = await ask(app).expect(502);
      expect(response.body.error).toMatchObject({ type: 'upstream_error', code: 'upstream_error' });
      expect(upstream.requests).toBe(3);
    });

    it('does not retry a request the upstream rejects as invalid, and passes its error on', async () => {
      upstream.answer({ kind: 'invalid' });
      const response = await ask(app).expect(400);
      expect(response.body.error).toEqual({
        message: 'temperature is too hot',
        type: 'invalid_request_error',
        code: null,
        param: 'temperature',
      });
      expect(upstream.requests).toBe(1);
    });

    it('retries a 429 after the Retry-After it gave, then passes the 429 on with a Retry-After', async () => {
      upstream.answer({ kind: 'rate-limited', retryAfter: '0' });
      const response = await ask(app).expect(429);
      expect(response.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(upstream.requests).toBe(3);
    });

    it('passes a long Retry-After on at once instead of holding the client', async () => {
      upstream.answer({ kind: 'rate-limited', retryAfter: '120' });
      const response = await ask(app).expect(429);
      expect(response.headers['retry-after']).toBe('120');
      expect(upstream.requests).toBe(1);
    });
  });

  it('answers 504 upstream_timeout when the upstream stalls past the timeout, and cancels the upstream request', async () => {
    const app = await gateway({ LLM_UPSTREAM_TIMEOUT_MS: '300' });
    upstream.answer({ kind: 'stall' });
    const response = await ask(app).expect(504);
    expect(response.body.error).toMatchObject({ type: 'upstream_error', code: 'upstream_timeout' });
    await eventually(() => upstream.abandoned === upstream.requests && upstream.requests > 0);
  });

  it('opens the circuit after N consecutive failures, then fails fast with 503 without calling the upstream', async () => {
    const app = await gateway({
      LLM_UPSTREAM_MAX_RETRIES: '0',
      LLM_CIRCUIT_BREAKER_FAILURES: '3',
      LLM_CIRCUIT_BREAKER_COOLDOWN_MS: '600000',
    });
    upstream.answer({ kind: 'unavailable' });
    for (let i = 0; i < 3; i++) await ask(app).expect(502);
    expect(upstream.requests).toBe(3);

    const response = await ask(app).expect(503);
    expect(response.body.error).toMatchObject({ type: 'upstream_error', code: 'upstream_unavailable' });
    await ask(app, { stream: true }).expect(503);
    expect(upstream.requests).toBe(3);
    const metrics = (await request(app.baseUrl).get('/metrics').expect(200)).text;
    expect(metrics).toContain('llm_circuit_breaker_state{provider="upstream"} 2');
  });

  it('is ready while the upstream behind the default model answers, and not once its circuit is open', async () => {
    const app = await gateway({
      LLM_DEFAULT_MODEL: 'remote',
      LLM_UPSTREAM_MAX_RETRIES: '0',
      LLM_CIRCUIT_BREAKER_FAILURES: '1',
      LLM_CIRCUIT_BREAKER_COOLDOWN_MS: '600000',
    });
    await request(app.baseUrl).get('/ready').expect(200);
    upstream.answer({ kind: 'unavailable' });
    await ask(app).expect(502);
    await request(app.baseUrl).get('/ready').expect(503);
  });

  describe('with a fallback', () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await gateway({ LLM_UPSTREAM_MAX_RETRIES: '0', LLM_MODEL_FALLBACKS: 'remote=simulated' });
    });

    it('answers from the simulator when the upstream fails, under the requested model name', async () => {
      upstream.answer({ kind: 'unavailable' });
      const response = await ask(app).expect(200);
      expect(response.body.model).toBe('remote');
      expect(response.body.choices[0].message.content).toContain('Simulated reply to "Are you there?"');
      expect(upstream.requests).toBe(1);
    });

    it('falls back for a stream too, before anything was sent', async () => {
      upstream.answer({ kind: 'drop' });
      const response = await ask(app, { stream: true }).expect(200);
      expect(streamedText(response.text)).toContain('Simulated reply to');
    });

    it('uses the upstream while it is healthy', async () => {
      upstream.answer({ kind: 'ok' });
      const response = await ask(app).expect(200);
      expect(response.body.choices[0].message.content).toBe(REPLY);
    });
  });

  describe('with a second upstream as the fallback (LLM_UPSTREAMS)', () => {
    let backup: FakeUpstream;
    let app: RunningApp;
    beforeAll(async () => {
      backup = await FakeUpstream.start();
      app = await gateway({
        LLM_UPSTREAM_MAX_RETRIES: '0',
        LLM_UPSTREAMS: JSON.stringify([{ name: 'backup', baseUrl: backup.baseUrl, models: ['remote=backup-model'] }]),
        LLM_UPSTREAM_API_KEYS: 'backup=backup-secret',
        LLM_MODEL_FALLBACKS: 'remote=backup',
      });
    });

    afterAll(async () => {
      await backup.close();
    });

    it('asks the second upstream, under its own name for the model, when the first fails', async () => {
      upstream.answer({ kind: 'unavailable' });
      backup.answer({ kind: 'ok' });
      const response = await ask(app).expect(200);
      expect(response.body.choices[0].message.content).toBe(REPLY);
      expect(upstream.models).toEqual(['fake-model']);
      expect(backup.models).toEqual(['backup-model']);
      expect(backup.authorizations).toEqual(['Bearer backup-secret']);
      const metrics = (await request(app.baseUrl).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /gen_ai_client_operation_duration_seconds_count\{[^}]*gen_ai_provider_name="backup"[^}]*error_type=""\} 1/,
      );
    });

    it('lists the model once, owned by the upstream that serves it first', async () => {
      const models = (await request(app.baseUrl).get('/v1/models').expect(200)).body.data as {
        id: string;
        owned_by: string;
      }[];
      expect(models.filter((model) => model.id === 'remote')).toEqual([
        expect.objectContaining({ owned_by: 'upstream' }),
      ]);
    });
  });

  it('cancels the upstream request when the client disconnects mid-stream', async () => {
    const app = await gateway();
    upstream.answer({ kind: 'stream-then-hang' });
    const url = new URL('/v1/chat/completions', app.baseUrl);
    await new Promise<void>((resolve, reject) => {
      const client = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => {
          // The first chunk arrived: the client hangs up while the upstream is still generating.
          client.destroy();
          resolve();
        });
      });
      client.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      client.end(JSON.stringify({ model: 'remote', messages, stream: true }));
    });
    await eventually(() => upstream.abandoned === 1);
    expect(upstream.requests).toBe(1);
  });
});
