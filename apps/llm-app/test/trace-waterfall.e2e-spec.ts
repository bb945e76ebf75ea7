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
  });
});
