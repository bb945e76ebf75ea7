import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

interface SpanNode {
  name: string;
  kind: string;
  attributes: Record<string, unknown>;
  children: SpanNode[];
}

function flatten(nodes: SpanNode[]): SpanNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

const PROMPT = 'What does the private word zanzibar-quartz mean?';

describe('llm-app telemetry', () => {
  let running: RunningApp;
  let chat: { traceId: string; usage: { promptTokens: number; completionTokens: number } };

  beforeAll(async () => {
    running = await startLlmApp({ env: { LLM_PRICES: '{"simulated":{"input":1000000,"output":2000000}}' } });
    chat = (await request(running.baseUrl).post('/chat').send({ message: PROMPT }).expect(200)).body;
    await request(running.baseUrl)
      .post('/v1/chat/completions')
      .send({ model: 'simulated', messages: [{ role: 'user', content: 'stream it' }], stream: true })
      .expect(200);
  });

  afterAll(async () => {
    await running.close();
  });

  describe('GET /traces', () => {
    it("lists the chat's trace with its token usage", async () => {
      const response = await request(running.baseUrl).get('/traces').expect(200);
      const summary = (response.body.traces as { traceId: string }[]).find((trace) => trace.traceId === chat.traceId);
      expect(summary).toMatchObject({
        status: 'ok',
        spanCount: expect.any(Number),
        tokens: { input: chat.usage.promptTokens, output: chat.usage.completionTokens },
      });
    });
  });

  describe('GET /traces/:traceId', () => {
    it('holds a CLIENT span per provider call with the gen_ai attributes, and no prompt text', async () => {
      const response = await request(running.baseUrl).get(`/traces/${chat.traceId}`).expect(200);
      const call = flatten(response.body.spans as SpanNode[]).find((span) => span.name === 'chat simulated');
      expect(call).toMatchObject({
        kind: 'client',
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'simulated',
          'gen_ai.request.model': 'simulated',
          'gen_ai.response.model': 'simulated',
          'gen_ai.usage.input_tokens': chat.usage.promptTokens,
          'gen_ai.usage.output_tokens': chat.usage.completionTokens,
        },
      });
      expect(response.text).not.toContain('zanzibar-quartz');
    });

    it('answers an unknown trace id with 404 problem+json', async () => {
      const response = await request(running.baseUrl).get('/traces/00000000000000000000000000000000');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('GET /traces/view', () => {
    it('serves the waterfall page as HTML that reads /traces', async () => {
      const response = await request(running.baseUrl).get('/traces/view').expect(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('/traces');
    });
  });

  describe('GET /metrics', () => {
    let metrics: string;

    beforeAll(async () => {
      metrics = (await request(running.baseUrl).get('/metrics').expect(200)).text;
    });

    it('counts input and output tokens by operation, provider, models and token type', () => {
      for (const type of ['input', 'output']) {
        expect(metrics).toMatch(
          new RegExp(
            `gen_ai_client_token_usage_count\\{[^}]*gen_ai_operation_name="chat"[^}]*gen_ai_provider_name="simulated"[^}]*gen_ai_request_model="simulated"[^}]*gen_ai_token_type="${type}"[^}]*\\} [1-9]`,
          ),
        );
      }
    });

    it('times operations, and the first token and per-token pace of streams', () => {
      expect(metrics).toMatch(
        /gen_ai_client_operation_duration_seconds_count\{[^}]*gen_ai_provider_name="simulated"[^}]*\} [1-9]/,
      );
      expect(metrics).toMatch(/gen_ai_server_time_to_first_token_seconds_count\{[^}]*\} [1-9]/);
      expect(metrics).toMatch(/llm_gateway_overhead_seconds_count [1-9]/);
    });

    it('estimates cost from the configured prices', () => {
      const line = metrics.split('\n').find((l) => l.startsWith('llm_estimated_cost_usd_total{model="simulated"}'));
      // Prices of 1 and 2 USD per token make the cost at least the chat's own tokens.
      expect(Number(line?.split(' ').at(-1))).toBeGreaterThanOrEqual(
        chat.usage.promptTokens + 2 * chat.usage.completionTokens,
      );
    });

    it('never puts prompts or user ids into label values', () => {
      expect(metrics).not.toContain('zanzibar');
    });
  });
});

describe('llm-app telemetry with LLM_CAPTURE_CONTENT=true', () => {
  it('keeps the prompt in the provider span', async () => {
    const running = await startLlmApp({ env: { LLM_CAPTURE_CONTENT: 'true' } });
    try {
      const chat = (await request(running.baseUrl).post('/chat').send({ message: PROMPT }).expect(200)).body;
      const trace = await request(running.baseUrl)
        .get(`/traces/${chat.traceId as string}`)
        .expect(200);
      expect(trace.text).toContain('zanzibar-quartz');
    } finally {
      await running.close();
    }
  });
});
