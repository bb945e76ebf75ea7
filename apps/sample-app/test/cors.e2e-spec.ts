import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app CORS', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startSampleApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });

  afterAll(async () => {
    await running.close();
  });

  it('answers a preflight from an allowed origin', async () => {
    const response = await request(running.baseUrl)
      .options('/api/v1/items')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(response.status).toBeLessThan(300);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('grants nothing to an origin outside the allow-list', async () => {
    const response = await request(running.baseUrl).get('/health').set('origin', 'https://evil.example.net');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('sample-app without CORS_ORIGINS', () => {
  it('sends no CORS headers at all', async () => {
    const running = await startSampleApp();
    try {
      const response = await request(running.baseUrl).get('/health').set('origin', 'https://app.example.com');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await running.close();
    }
  });
});
