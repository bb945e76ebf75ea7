import request from 'supertest';
import { FAKE_TOKENS_PER_INPUT, FakeOpenAiEndpoints } from '../../../test/support/fake-openai-endpoints';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';
import { spanNamed } from './support/spans';

// Apps start inside hooks and tests; on a loaded machine that can take longer than Jest's 5 s default.
jest.setTimeout(30_000);

const decode = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
};
const norm = (vector: readonly number[]) => Math.hypot(...vector);

describe('POST /v1/embeddings', () => {
  let upstream: FakeOpenAiEndpoints;
  let app: RunningApp;
  const embed = (body: object, target: RunningApp = app) => request(target.baseUrl).post('/v1/embeddings').send(body);

  beforeAll(async () => {
    upstream = await FakeOpenAiEndpoints.start();
    app = await startLlmApp({
      env: {
        LLM_UPSTREAM_BASE_URL: upstream.baseUrl,
        LLM_UPSTREAM_MODELS: 'embedder=text-embedding-3-small',
        LLM_UPSTREAM_MAX_RETRIES: '0',
        LLM_RESPONSE_CACHE_TTL_SECONDS: '60',
      },
    });
  });

  beforeEach(() => upstream.reset());

  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  describe('from the simulator', () => {
    it('answers one unit vector of the requested dimensions per input, with usage', async () => {
      const response = await embed({ model: 'simulated', input: ['first text', 'second'], dimensions: 64 }).expect(200);
      expect(response.body).toMatchObject({ object: 'list', model: 'simulated' });
      expect(response.body.data).toHaveLength(2);
      for (const [index, item] of (response.body.data as { index: number; embedding: number[] }[]).entries()) {
        expect(item).toMatchObject({ object: 'embedding', index });
        expect(item.embedding).toHaveLength(64);
        expect(norm(item.embedding)).toBeCloseTo(1, 5);
      }
      expect(response.body.usage.prompt_tokens).toBeGreaterThanOrEqual(3);
      expect(response.body.usage.total_tokens).toBe(response.body.usage.prompt_tokens);
    });

    it('gives the same input the same vector and another input another', async () => {
      const first = await embed({ model: 'simulated', input: 'same text' }).expect(200);
      const again = await embed({ model: 'simulated', input: ['other text', 'same text'] }).expect(200);
      expect(first.body.data[0].embedding).toHaveLength(1_536);
      expect(again.body.data[1].embedding).toEqual(first.body.data[0].embedding);
      expect(again.body.data[0].embedding).not.toEqual(first.body.data[0].embedding);
    });

    it('encodes base64 as little-endian float32 when asked, the same vector as the floats', async () => {
      const floats = await embed({ model: 'simulated', input: 'encode me', dimensions: 16 }).expect(200);
      const base64 = await embed({
        model: 'simulated',
        input: 'encode me',
        dimensions: 16,
        encoding_format: 'base64',
      }).expect(200);
      expect(typeof base64.body.data[0].embedding).toBe('string');
      const decoded = decode(base64.body.data[0].embedding as string);
      expect(decoded).toHaveLength(16);
      decoded.forEach((value, i) => expect(value).toBeCloseTo(floats.body.data[0].embedding[i] as number, 6));
    });

    it('embeds token arrays, counting their tokens', async () => {
      const response = await embed({ model: 'simulated', input: [[1, 2, 3, 4], [5]], dimensions: 8 }).expect(200);
      expect(response.body.data).toHaveLength(2);
      expect(response.body.usage.prompt_tokens).toBe(5);
    });
  });

  describe('relayed to an upstream', () => {
    it('passes every field up unchanged but the model, and the answer back under the public name', async () => {
      const body = {
        model: 'embedder',
        input: ['alpha', 'beta'],
        dimensions: 4,
        encoding_format: 'float',
        user: 'user-42',
        vendor_option: { truncate: 'END' },
      };
      const response = await embed(body).expect(200);
      expect(upstream.posts('/v1/embeddings').map((received) => received.body)).toEqual([
        { ...body, model: 'text-embedding-3-small' },
      ]);
      expect(response.body).toEqual({
        object: 'list',
        model: 'embedder',
        data: [
          { object: 'embedding', index: 0, embedding: [1, 0, 0, 0] },
          { object: 'embedding', index: 1, embedding: [0, 1, 0, 0] },
        ],
        usage: { prompt_tokens: 2 * FAKE_TOKENS_PER_INPUT, total_tokens: 2 * FAKE_TOKENS_PER_INPUT },
      });
    });

    it('relays base64 embeddings as the upstream encoded them', async () => {
      const response = await embed({ model: 'embedder', input: 'x', dimensions: 3, encoding_format: 'base64' }).expect(
        200,
      );
      expect(decode(response.body.data[0].embedding as string)).toEqual([1, 0, 0]);
    });

    it("passes the upstream's 400 on in OpenAI's shape, naming its param", async () => {
      upstream.fail({ status: 400, message: 'dimensions too large for this model', param: 'dimensions' });
      const response = await embed({ model: 'embedder', input: 'x', dimensions: 3_000 }).expect(400);
      expect(response.body.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'dimensions',
        message: 'dimensions too large for this model',
      });
    });

    it('answers a repeat from the response cache without asking the upstream again', async () => {
      const body = { model: 'embedder', input: 'cache me', dimensions: 2 };
      const first = await embed(body).expect(200);
      const second = await embed({ ...body, user: 'someone-else' }).expect(200);
      expect(first.headers['x-cache']).toBe('miss');
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.body).toEqual(first.body);
      expect(upstream.posts('/v1/embeddings')).toHaveLength(1);
      await embed({ ...body, dimensions: 3 }).expect(200);
      expect(upstream.posts('/v1/embeddings')).toHaveLength(2);
    });
  });

  describe('when the upstream is down', () => {
    it('falls back to the next provider of the model (LLM_MODEL_FALLBACKS), as chat does', async () => {
      const withFallback = await startLlmApp({
        env: {
          LLM_UPSTREAM_BASE_URL: upstream.baseUrl,
          LLM_UPSTREAM_MODELS: 'embedder=text-embedding-3-small',
          LLM_UPSTREAM_MAX_RETRIES: '0',
          LLM_MODEL_FALLBACKS: 'embedder=simulated',
        },
      });
      try {
        upstream.fail({ status: 503, message: 'overloaded' });
        const response = await embed(
          { model: 'embedder', input: 'still answered', dimensions: 4 },
          withFallback,
        ).expect(200);
        expect(upstream.posts('/v1/embeddings')).toHaveLength(1);
        expect(response.body.model).toBe('embedder');
        expect(norm(response.body.data[0].embedding as number[])).toBeCloseTo(1, 5);
      } finally {
        await withFallback.close();
      }
    });

    it('answers 502 upstream_error without a fallback', async () => {
      upstream.fail({ status: 500, message: 'broken' });
      const response = await embed({ model: 'embedder', input: 'x', dimensions: 5 }).expect(502);
      expect(response.body.error).toMatchObject({ type: 'upstream_error' });
    });
  });

  describe('refusals', () => {
    it.each([
      [{ input: 'x' }, 'model'],
      [{ model: 'simulated' }, 'input'],
      [{ model: 'simulated', input: [] }, 'input'],
      [{ model: 'simulated', input: 'x', dimensions: 0 }, 'dimensions'],
      [{ model: 'simulated', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ])('answers 400 naming the param for %j', async (body, param) => {
      const response = await embed(body).expect(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', param });
    });

    it('answers 404 model_not_found for an unknown model', async () => {
      const response = await embed({ model: 'no-such-model', input: 'x' }).expect(404);
      expect(response.body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    });

    it('spends the input tokens from the token budget, then refuses with 429 token_budget_exceeded', async () => {
      const budgeted = await startLlmApp({ env: { LLM_TOKEN_BUDGET_PER_WINDOW: '5' } });
      try {
        await embed({ model: 'simulated', input: 'one two three four five six seven' }, budgeted).expect(200);
        const refused = await embed({ model: 'simulated', input: 'more' }, budgeted).expect(429);
        expect(refused.body.error.code).toBe('token_budget_exceeded');
      } finally {
        await budgeted.close();
      }
    });
  });

  describe('telemetry', () => {
    it('records an embeddings CLIENT span with input tokens and no input content, and the GenAI metrics', async () => {
      await embed({ model: 'embedder', input: 'a private sentence', dimensions: 2, encoding_format: 'base64' }).expect(
        200,
      );
      const span = await spanNamed(app.baseUrl, 'embeddings text-embedding-3-small');
      expect(span).toMatchObject({
        kind: 'client',
        attributes: expect.objectContaining({
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.provider.name': 'upstream',
          'gen_ai.request.model': 'text-embedding-3-small',
          'gen_ai.usage.input_tokens': FAKE_TOKENS_PER_INPUT,
          'gen_ai.embeddings.dimension.count': 2,
          'gen_ai.request.encoding_formats': ['base64'],
          'server.address': '127.0.0.1',
        }),
      });
      expect(JSON.stringify(span)).not.toContain('a private sentence');
      const metrics = (await request(app.baseUrl).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /gen_ai_client_token_usage_count\{[^}]*gen_ai_operation_name="embeddings"[^}]*gen_ai_token_type="input"\} [1-9]/,
      );
      expect(metrics).toMatch(
        /gen_ai_client_operation_duration_seconds_count\{gen_ai_operation_name="embeddings",gen_ai_provider_name="upstream"[^}]*\} [1-9]/,
      );
    });
  });
});
