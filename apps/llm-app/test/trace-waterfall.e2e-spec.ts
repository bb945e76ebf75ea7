import { createHash } from 'node:crypto';
import request from 'supertest';
import { renderedDom } from '../../../test/support/headless-chromium';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

describe('llm-app trace waterfall page (headless Chromium)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startLlmApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it("draws the chat turn's spans, the provider call among them, as rows of a waterfall", async () => {
    // GIVEN a chat turn that left a trace in the buffer
    const chat = await request(running.baseUrl).post('/chat').send({ message: 'draw me' }).expect(200);
    // WHEN a browser opens the page for that trace
    const dom = await renderedDom(`${running.baseUrl}/traces/view?trace=${chat.body.traceId as string}`);
    // THEN its script fetched the trace and drew one row per span
    expect(dom).toContain(`data-trace-id="${chat.body.traceId as string}"`);
    expect(dom).toContain('data-span-name="chat turn"');
    expect(dom).toContain('data-span-name="chat simulated"');
    expect(dom).toMatch(/class="bar client/);
  }, 60_000);
});

describe('llm-app trace view with auth on (headless Chromium)', () => {
  const key = 'sk-trace-viewer-0123456789';
  let running: RunningApp;

  beforeAll(async () => {
    running = await startLlmApp({ env: { LLM_API_KEY_SHA256: createHash('sha256').update(key).digest('hex') } });
  });

  afterAll(async () => {
    await running.close();
  });

  it('serves the page but not the traces to a browser without a credential, and asks for one', async () => {
    const dom = await renderedDom(`${running.baseUrl}/traces/view`);
    expect(dom).toMatch(/<form id="sign-in">/);
    expect(dom).not.toContain('data-span-name=');
    await request(running.baseUrl).get('/traces').expect(401);
  }, 60_000);

  it('draws the waterfall once signed in with an API key given in the URL fragment', async () => {
    const chat = await request(running.baseUrl)
      .post('/chat')
      .set('authorization', `Bearer ${key}`)
      .send({ message: 'signed in' })
      .expect(200);
    const traceId = chat.body.traceId as string;
    const dom = await renderedDom(`${running.baseUrl}/traces/view?trace=${traceId}#credential=${key}`);
    expect(dom).toContain(`data-trace-id="${traceId}"`);
    expect(dom).toContain('data-span-name="chat turn"');
    expect(dom).toMatch(/<form id="sign-in" hidden/);
  }, 60_000);

  it('marks GET /traces and GET /traces/{traceId} as secured by a bearer credential in its OpenAPI document', async () => {
    const { paths } = (await request(running.baseUrl).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
    };
    for (const path of ['/traces', '/traces/{traceId}']) {
      expect({ path, security: paths[path]?.get?.security }).toEqual({ path, security: [{ bearer: [] }] });
    }
  });
});

describe('llm-app OTLP receiver', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startLlmApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it("puts another service's spans under the same trace as its own, named by that service", async () => {
    // GIVEN a chat turn whose trace llm-app holds
    const chat = await request(running.baseUrl).post('/chat').send({ message: 'joined' }).expect(200);
    const traceId = chat.body.traceId as string;
    const tree = (await request(running.baseUrl).get(`/traces/${traceId}`).expect(200)).body as {
      spans: { spanId: string }[];
    };
    const root = tree.spans[0]?.spanId;
    // WHEN sample-app exports a span of the same trace, as its OTLP exporter does
    const now = BigInt(Date.now()) * 1_000_000n;
    await request(running.baseUrl)
      .post('/traces/otlp')
      .send({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'sample-app' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId: 'a1b2c3d4e5f60718',
                    parentSpanId: root,
                    name: 'POST /api/v1/items/:id/summary',
                    kind: 2,
                    startTimeUnixNano: String(now),
                    endTimeUnixNano: String(now + 5_000_000n),
                    attributes: [{ key: 'http.response.status_code', value: { intValue: '200' } }],
                  },
                ],
              },
            ],
          },
        ],
      })
      .expect(200, {});
    // THEN the trace holds it, with its service's name
    const joined = await request(running.baseUrl).get(`/traces/${traceId}`).expect(200);
    expect(JSON.stringify(joined.body)).toContain('"service.name":"sample-app"');
    expect(JSON.stringify(joined.body)).toContain('POST /api/v1/items/:id/summary');
  });

  it('answers 400 naming the field when an export is malformed, and keeps nothing of it', async () => {
    const response = await request(running.baseUrl)
      .post('/traces/otlp')
      .send({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'nope', spanId: 'x', name: 'bad' }] }] }] })
      .expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'resourceSpans.0.scopeSpans.0.spans.0.traceId' })]),
    );
  });
});
