import request from 'supertest';
import { FAKE_USAGE } from '../../../../test/support/fake-openai-upstream';
import { sseData } from '../support/sse';
import { type CompatRig, UPSTREAM_MODEL, startCompatRig, textReply } from './compat.harness';

/** Every request field the issue lists, with values an OpenAI client would send. */
const EVERY_FIELD = {
  model: 'relay',
  messages: [
    { role: 'developer', content: 'Answer briefly.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is on this picture, and in this recording?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'file', file: { filename: 'notes.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{"at":"picture"}' } }],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
  ],
  tools: [
    { type: 'function', function: { name: 'look', parameters: { type: 'object', properties: {} }, strict: true } },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  functions: [{ name: 'legacy', parameters: { type: 'object' } }],
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
  n: 2,
  logprobs: true,
  top_logprobs: 3,
  seed: 42,
  frequency_penalty: 0.5,
  presence_penalty: -0.5,
  logit_bias: { '50256': -100 },
  metadata: { team: 'search' },
  store: false,
  service_tier: 'flex',
  prompt_cache_key: 'conversation-7',
  safety_identifier: 'user-hash-1',
  verbosity: 'low',
  reasoning_effort: 'minimal',
  max_completion_tokens: 321,
  temperature: 0.3,
  top_p: 0.9,
  stop: ['END'],
  user: 'end-user-1',
  top_k: 40,
  modalities: ['text'],
};

// Protocol level: what llm-app sends its upstream and what it sends back, field by field.
describe('llm-app relay fidelity (POST /v1/chat/completions)', () => {
  let rig: CompatRig;
  const post = (body: object) => request(rig.app.baseUrl).post('/v1/chat/completions').send(body);

  beforeAll(async () => {
    rig = await startCompatRig({
      LLM_UPSTREAMS: JSON.stringify([
        {
          name: 'strict',
          baseUrl: 'http://127.0.0.1:9/v1',
          models: ['strict-model'],
          dropParams: ['top_k'],
          refuseParams: ['logit_bias'],
        },
      ]),
    });
  });

  afterAll(async () => {
    await rig.close();
  });

  describe('on the way up', () => {
    it('passes every request field through unchanged but for the model name (max_completion_tokens kept as is)', async () => {
      rig.upstream.answer(textReply('{}'));
      await post(EVERY_FIELD).expect(200);
      expect(rig.upstream.bodies).toEqual([{ ...EVERY_FIELD, model: UPSTREAM_MODEL }]);
      expect(rig.upstream.bodies[0]).not.toHaveProperty('max_tokens');
    });

    it('passes a stream request through with usage asked for, the client’s other stream options kept', async () => {
      rig.upstream.answer(textReply('hi'));
      await post({ ...EVERY_FIELD, stream: true, stream_options: { include_obfuscation: false } }).expect(200);
      expect(rig.upstream.bodies).toEqual([
        {
          ...EVERY_FIELD,
          model: UPSTREAM_MODEL,
          stream: true,
          stream_options: { include_obfuscation: false, include_usage: true },
        },
      ]);
    });

    it('accepts a 2 MB base64 image (the /v1/ body limit) and over 1,000 messages', async () => {
      rig.upstream.answer(textReply('a big picture'));
      const image = `data:image/png;base64,${Buffer.alloc(1_500_000, 7).toString('base64')}`;
      const history = Array.from({ length: 1_200 }, (_, i) => ({
        role: i % 2 ? 'assistant' : 'user',
        content: `turn ${i}`,
      }));
      const messages = [...history, { role: 'user', content: [{ type: 'image_url', image_url: { url: image } }] }];
      expect(image.length).toBeGreaterThan(2_000_000);
      await post({ model: 'relay', messages }).expect(200);
      expect((rig.upstream.bodies[0]?.messages as unknown[]).length).toBe(1_201);
    });

    it('answers a body over LLM_API_BODY_LIMIT_BYTES with 413 in the OpenAI shape', async () => {
      const small = await startCompatRig({ LLM_API_BODY_LIMIT_BYTES: '4096' });
      try {
        const response = await request(small.app.baseUrl)
          .post('/v1/chat/completions')
          .send({ model: 'relay', messages: [{ role: 'user', content: 'x'.repeat(5_000) }] });
        expect(response.status).toBe(413);
        expect(response.body.error.type).toBe('invalid_request_error');
        expect(small.upstream.requests).toBe(0);
      } finally {
        await small.close();
      }
    });
  });

  describe('the per-upstream parameter policy (LLM_UPSTREAMS dropParams / refuseParams)', () => {
    it('refuses a refused parameter with a 400 naming it, before calling the upstream', async () => {
      const response = await post({
        model: 'strict-model',
        messages: [{ role: 'user', content: 'x' }],
        logit_bias: {},
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ param: 'logit_bias', code: 'unsupported_parameter' });
      expect(response.body.error.message).toContain('logit_bias');
    });

    it('drops a dropped parameter and sends the rest', async () => {
      const dropping = await startCompatRig({ LLM_UPSTREAM_DROP_PARAMS: 'top_k,verbosity' });
      try {
        dropping.upstream.answer(textReply('ok'));
        await request(dropping.app.baseUrl)
          .post('/v1/chat/completions')
          .send({ model: 'relay', messages: [{ role: 'user', content: 'x' }], top_k: 5, verbosity: 'low', seed: 1 })
          .expect(200);
        expect(dropping.upstream.bodies).toEqual([
          { model: UPSTREAM_MODEL, messages: [{ role: 'user', content: 'x' }], seed: 1 },
        ]);
      } finally {
        await dropping.close();
      }
    });

    it('holds on /v1/embeddings and /v1/responses (streamed and not) too: dropped left out, refused a 400', async () => {
      const policed = await startCompatRig({
        LLM_UPSTREAM_DROP_PARAMS: 'top_k',
        LLM_UPSTREAM_REFUSE_PARAMS: 'logit_bias',
        LLM_UPSTREAM_RESPONSES_API: 'true',
      });
      const send = (path: string, body: object) => request(policed.app.baseUrl).post(path).send(body);
      const embeddings = { object: 'list', data: [], usage: { prompt_tokens: 1, total_tokens: 1 } };
      const response = { object: 'response', status: 'completed', output: [], usage: null };
      try {
        policed.upstream.answer({ kind: 'status', status: 200, body: embeddings });
        await send('/v1/embeddings', { model: 'relay', input: 'x', top_k: 5, user: 'u' }).expect(200);
        expect(policed.upstream.bodies).toEqual([{ model: UPSTREAM_MODEL, input: 'x', user: 'u' }]);
        policed.upstream.answer({ kind: 'status', status: 200, body: response });
        await send('/v1/responses', { model: 'relay', input: 'x', top_k: 5, store: false }).expect(200);
        expect(policed.upstream.bodies).toEqual([{ model: UPSTREAM_MODEL, input: 'x', store: false }]);
        policed.upstream.answer({ kind: 'ok' });
        for (const [path, body] of [
          ['/v1/embeddings', { model: 'relay', input: 'x', logit_bias: {} }],
          ['/v1/responses', { model: 'relay', input: 'x', logit_bias: {} }],
          ['/v1/responses', { model: 'relay', input: 'x', logit_bias: {}, stream: true }],
        ] as const) {
          const refused = await send(path, body);
          expect({ path, status: refused.status, param: refused.body.error?.param }).toEqual({
            path,
            status: 400,
            param: 'logit_bias',
          });
        }
        expect(policed.upstream.requests).toBe(0);
      } finally {
        await policed.close();
      }
    });
  });

  describe('on the way back', () => {
    const rich = {
      kind: 'reply' as const,
      choices: [
        {
          content: null,
          refusal: 'I cannot help with that.',
          finishReason: 'stop',
          logprobs: { content: [{ token: 'I', logprob: -0.1, bytes: [73], top_logprobs: [] }], refusal: null },
        },
        { content: 'Filtered part', finishReason: 'content_filter' },
        {
          content: null,
          toolCalls: [{ id: 'call_9', name: 'look', arguments: '{"at":"cat"}' }],
          finishReason: 'tool_calls',
        },
      ],
      extra: { system_fingerprint: 'fp_upstream_1', service_tier: 'flex' },
    };

    it('relays the completion unchanged but for the model: every choice, refusal, logprobs, usage details, fingerprint', async () => {
      rig.upstream.answer(rich);
      const response = await post({ model: 'relay', messages: [{ role: 'user', content: 'x' }] }).expect(200);
      expect(response.body).toEqual({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: 'relay',
        system_fingerprint: 'fp_upstream_1',
        service_tier: 'flex',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
            logprobs: rich.choices[0]?.logprobs,
            finish_reason: 'stop',
          },
          {
            index: 1,
            message: { role: 'assistant', content: 'Filtered part', refusal: null },
            logprobs: null,
            finish_reason: 'content_filter',
          },
          {
            index: 2,
            message: {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'look', arguments: '{"at":"cat"}' } }],
            },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
        usage: FAKE_USAGE,
      });
    });

    it('relays every streamed chunk unchanged but for the model, the usage chunk when asked for', async () => {
      rig.upstream.answer(rich);
      const response = await post({
        model: 'relay',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
        stream_options: { include_usage: true },
      }).expect(200);
      const chunks = sseData(response.text)
        .slice(0, -1)
        .map((data) => JSON.parse(data) as Record<string, unknown>);
      expect(chunks.every((chunk) => chunk.model === 'relay' && chunk.system_fingerprint === 'fp_upstream_1')).toBe(
        true,
      );
      const deltas = chunks.flatMap((chunk) => chunk.choices as Record<string, unknown>[]);
      expect(deltas).toContainEqual(
        expect.objectContaining({ index: 0, delta: { refusal: 'I cannot help with that.' } }),
      );
      expect(deltas).toContainEqual(
        expect.objectContaining({ index: 0, finish_reason: 'stop', logprobs: rich.choices[0]?.logprobs }),
      );
      expect(deltas).toContainEqual(expect.objectContaining({ index: 1, finish_reason: 'content_filter' }));
      expect(deltas).toContainEqual(
        expect.objectContaining({
          index: 2,
          delta: {
            tool_calls: [{ index: 0, id: 'call_9', type: 'function', function: { name: 'look', arguments: '' } }],
          },
        }),
      );
      expect(deltas).toContainEqual(expect.objectContaining({ index: 2, finish_reason: 'tool_calls' }));
      expect(chunks.at(-1)).toEqual(expect.objectContaining({ choices: [], usage: FAKE_USAGE }));
    });

    it('leaves the usage chunk out of a stream that did not ask for it', async () => {
      rig.upstream.answer(textReply('no usage please'));
      const response = await post({ model: 'relay', messages: [{ role: 'user', content: 'x' }], stream: true }).expect(
        200,
      );
      const chunks = sseData(response.text)
        .slice(0, -1)
        .map((data) => JSON.parse(data) as Record<string, unknown>);
      expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
      expect(chunks.every((chunk) => (chunk.choices as unknown[]).length === 1)).toBe(true);
    });

    describe('a stream read in pieces, with what upstreams put around and inside their chunks', () => {
      const USAGE = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 };
      const upstreamChunks = [
        {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'up-model',
          choices: [{ index: 0, delta: { role: 'assistant', content: 'say "model":"x" \\ — ünï 😀' } }],
          usage: null,
        },
        // No model field at all: the relay adds it.
        { id: 'c1', object: 'chat.completion.chunk', created: 1, choices: [{ index: 0, delta: { content: ' no' } }] },
        { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'up-model', choices: [], usage: USAGE },
      ];
      // Pretty-printed, a data line per line: the relay cannot keep that text on one data line, so serializes it.
      const prettyChunk = {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'up-model',
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        usage: null,
      };
      const pretty = JSON.stringify(prettyChunk, null, 1).split('\n');
      const stream = [
        ': a comment, as some providers open their streams\n\n',
        `data: ${JSON.stringify(upstreamChunks[0])}\r\n\r\n`,
        ':\n\n',
        `data: ${JSON.stringify(upstreamChunks[1])}\n\n`,
        // A keep-alive: an event without data lines, which is no event.
        'event: ping\n: keep-alive\n\n',
        `${pretty.map((line) => `data: ${line}`).join('\n')}\n\n`,
        `data: ${JSON.stringify(upstreamChunks[2])}\n\n`,
        'data: [DONE]\n\n',
      ].join('');
      const relay = async (streamOptions: object) => {
        rig.upstream.answer({ kind: 'stream-raw', text: stream, bytesPerWrite: 7 });
        const response = await post({
          model: 'relay',
          messages: [{ role: 'user', content: 'x' }],
          stream: true,
          ...streamOptions,
        }).expect(200);
        return sseData(response.text);
      };
      const asRelayed = (chunk: object) => ({ ...chunk, model: 'relay' });

      it('relays every chunk, split anywhere across reads, unchanged but for the model, and the usage chunk', async () => {
        const data = await relay({ stream_options: { include_usage: true } });
        expect(data.at(-1)).toBe('[DONE]');
        expect(data.slice(0, -1).map((text) => JSON.parse(text) as unknown)).toEqual([
          asRelayed(upstreamChunks[0]!),
          asRelayed(upstreamChunks[1]!),
          asRelayed(prettyChunk),
          asRelayed(upstreamChunks[2]!),
        ]);
        // The upstream's own text, escapes and all, with only the model's value changed.
        expect(data[0]).toBe(JSON.stringify(upstreamChunks[0]).replace('"model":"up-model"', '"model":"relay"'));
      });

      it('drops usage from every chunk and the usage chunk when the client did not ask for it', async () => {
        const data = await relay({});
        const { usage: _usage, ...withoutUsage } = upstreamChunks[0]!;
        const { usage: _prettyUsage, ...prettyWithoutUsage } = prettyChunk;
        expect(data.slice(0, -1).map((text) => JSON.parse(text) as unknown)).toEqual([
          asRelayed(withoutUsage),
          asRelayed(upstreamChunks[1]!),
          asRelayed(prettyWithoutUsage),
        ]);
        expect(data.at(-1)).toBe('[DONE]');
      });
    });

    it("sends back the upstream's rate-limit headers and its request id (as x-upstream-request-id)", async () => {
      rig.upstream.answer(textReply('hi', {}, { 'x-ratelimit-limit-tokens': '1000', 'x-request-id': 'req_up_1' }));
      const response = await post({ model: 'relay', messages: [{ role: 'user', content: 'x' }], stream: true }).expect(
        200,
      );
      expect(response.headers['x-ratelimit-limit-tokens']).toBe('1000');
      expect(response.headers['x-upstream-request-id']).toBe('req_up_1');
    });
  });

  describe('errors', () => {
    it("describes an upstream 5xx in the gateway's words with the upstream's request id, marked not to retry", async () => {
      rig.upstream.answer({
        kind: 'status',
        status: 500,
        body: { error: { message: 'KeyError at /srv/model.py:42 (key sk-live-123)' } },
        headers: { 'x-request-id': 'req_5xx_1' },
      });
      const response = await post({ model: 'relay', messages: [{ role: 'user', content: 'x' }] }).expect(502);
      expect(response.headers['x-should-retry']).toBe('false');
      expect(response.body.error.message).toContain('req_5xx_1');
      expect(response.body.error.message).not.toMatch(/srv|sk-live|KeyError/);
      expect(rig.upstream.requests).toBe(3);
    });

    it('leaves a 5xx the gateway did not retry open to the client’s own retry', async () => {
      const once = await startCompatRig({ LLM_UPSTREAM_MAX_RETRIES: '0' });
      try {
        once.upstream.answer({ kind: 'status', status: 503, body: 'busy' });
        const response = await request(once.app.baseUrl)
          .post('/v1/chat/completions')
          .send({ model: 'relay', messages: [{ role: 'user', content: 'x' }] })
          .expect(502);
        expect(response.headers['x-should-retry']).toBeUndefined();
        expect(once.upstream.requests).toBe(1);
      } finally {
        await once.close();
      }
    });

    it('passes an upstream 4xx validation message through', async () => {
      rig.upstream.answer({
        kind: 'status',
        status: 400,
        body: {
          error: { message: "Unsupported parameter: 'max_tokens'", type: 'invalid_request_error', param: 'max_tokens' },
        },
      });
      const response = await post({ model: 'relay', messages: [{ role: 'user', content: 'x' }] }).expect(400);
      expect(response.body.error).toMatchObject({
        message: "Unsupported parameter: 'max_tokens'",
        param: 'max_tokens',
      });
    });

    it("answers the gateway's own rate limit with 429 rate_limit_exceeded and a readable message", async () => {
      const limited = await startCompatRig({ RATE_LIMIT_MAX_REQUESTS: '1' });
      try {
        limited.upstream.answer(textReply('hi'));
        const ask = () =>
          request(limited.app.baseUrl)
            .post('/v1/chat/completions')
            .send({ model: 'simulated', messages: [{ role: 'user', content: 'x' }] });
        await ask().expect(200);
        const response = await ask().expect(429);
        expect(response.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
        expect(response.body.error.message).toMatch(/^Rate limit reached/);
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      } finally {
        await limited.close();
      }
    });
  });
});
