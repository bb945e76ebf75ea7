import { renderedDom } from '../../../test/support/headless-chromium';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app Swagger UI (headless Chromium)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startSampleApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('renders its operations over plain HTTP under a host name that is not localhost', async () => {
    // GIVEN the app reached as the kind walkthrough reaches it: plain HTTP, a real host name
    const host = 'sample-app.localtest.me';
    const url = running.baseUrl.replace('127.0.0.1', host);
    // WHEN a browser opens the API docs
    const dom = await renderedDom(`${url}/docs`, { hostsOnLoopback: [host] });
    // THEN the UI's own script and styles loaded (no upgrade to https://) and drew the operations
    expect(dom).toContain('class="swagger-ui"');
    expect(dom).toMatch(/class="opblock opblock-post/);
    expect(dom).toContain('/api/v1/auth/login');
  }, 60_000);
});
