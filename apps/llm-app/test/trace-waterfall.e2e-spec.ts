import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

const CHROMIUM = '/usr/bin/chromium';

/** The page's DOM after its scripts ran, from Debian's headless Chromium (installed by .ci/run). */
async function renderedDom(url: string): Promise<string> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see docs/development.md)`);
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  try {
    const { stdout } = await promisify(execFile)(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        // Lets the page's fetches finish before the DOM is printed.
        '--virtual-time-budget=5000',
        '--dump-dom',
        url,
      ],
      { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

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
