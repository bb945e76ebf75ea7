import request from 'supertest';
import { type CompatRig, startCompatRig, toolCallReply } from './compat/compat.harness';

interface SpanNode {
  name: string;
  attributes: Record<string, unknown>;
  children: SpanNode[];
}

const flatten = (nodes: SpanNode[]): SpanNode[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);
const SECRET = 'zanzibar-quartz';
const ASK = {
  model: 'relay',
  messages: [{ role: 'user', content: `Weather where ${SECRET} lives?` }],
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  stream: true,
  stream_options: { include_usage: true },
};

/**
 * The CLIENT spans of calls for this upstream model among the traces llm-app
 * keeps (GET /traces; the buffer is shared by every app of the file).
 */
async function upstreamSpans(rig: CompatRig, upstreamModel = 'gpt-upstream'): Promise<SpanNode[]> {
  const list = (await request(rig.app.baseUrl).get('/traces').expect(200)).body.traces as { traceId: string }[];
  const trees = await Promise.all(
    list.map(
      async ({ traceId }) => (await request(rig.app.baseUrl).get(`/traces/${traceId}`)).body.spans as SpanNode[],
    ),
  );
  return flatten(trees.flat()).filter((span) => span.name === `chat ${upstreamModel}`);
}

describe('llm-app GenAI telemetry of chat with tool calls', () => {
  describe('with LLM_CAPTURE_CONTENT off (the default)', () => {
    let rig: CompatRig;

    beforeAll(async () => {
      rig = await startCompatRig();
      rig.upstream.answer(toolCallReply());
      await request(rig.app.baseUrl).post('/v1/chat/completions').send(ASK).expect(200);
    });

    afterAll(async () => {
      await rig.close();
    });

    it('records the finish reasons and the cached and reasoning tokens on the span', async () => {
      const [span] = await upstreamSpans(rig);
      expect(span?.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.response.finish_reasons': ['tool_calls'],
        'gen_ai.usage.input_tokens': 11,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.usage.cache_read.input_tokens': 4,
        'gen_ai.usage.reasoning.output_tokens': 2,
      });
    });

    it('keeps the prompt, the tool definitions and the tool arguments out of the span', async () => {
      const [span] = await upstreamSpans(rig);
      const values = JSON.stringify(span?.attributes);
      expect(values).not.toContain(SECRET);
      expect(values).not.toContain('Paris');
      expect(span?.attributes).not.toHaveProperty('gen_ai.tool.definitions');
      expect(span?.attributes).not.toHaveProperty('gen_ai.output.messages');
    });

    it('counts cached and reasoning tokens as their own token types in gen_ai_client_token_usage', async () => {
      const metrics = (await request(rig.app.baseUrl).get('/metrics').expect(200)).text;
      for (const [type, tokens] of [
        ['input', 11],
        ['output', 5],
        ['cache_read', 4],
        ['reasoning', 2],
      ] as const) {
        expect(metrics).toMatch(
          new RegExp(
            `gen_ai_client_token_usage_sum\\{[^}]*gen_ai_request_model="gpt-upstream"[^}]*gen_ai_token_type="${type}"[^}]*\\} ${tokens}\\n`,
          ),
        );
      }
    });
  });

  describe('with LLM_CAPTURE_CONTENT=true', () => {
    let rig: CompatRig;

    beforeAll(async () => {
      rig = await startCompatRig({ LLM_CAPTURE_CONTENT: 'true', LLM_UPSTREAM_MODELS: 'relay=gpt-captured' });
      rig.upstream.answer(toolCallReply());
      await request(rig.app.baseUrl).post('/v1/chat/completions').send(ASK).expect(200);
    });

    afterAll(async () => {
      await rig.close();
    });

    it('records the input messages, the tool definitions and the streamed tool call with its arguments', async () => {
      const [span] = await upstreamSpans(rig, 'gpt-captured');
      expect(JSON.parse(String(span?.attributes['gen_ai.input.messages']))).toEqual([
        { role: 'user', parts: [{ type: 'text', content: `Weather where ${SECRET} lives?` }] },
      ]);
      expect(JSON.parse(String(span?.attributes['gen_ai.tool.definitions']))).toEqual(ASK.tools);
      expect(JSON.parse(String(span?.attributes['gen_ai.output.messages']))).toEqual([
        {
          role: 'assistant',
          parts: [
            {
              type: 'tool_call',
              id: 'call_weather_1',
              name: 'get_weather',
              arguments: '{"city":"Paris","unit":"celsius"}',
            },
          ],
          finish_reason: 'tool_calls',
        },
      ]);
    });
  });
});
