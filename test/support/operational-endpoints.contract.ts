import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE } from '@app/errors';
import { ShutdownState } from '@app/lifecycle';
import type { AppConfig, AppIdentity, BuildInfo } from '@app/config';
import request from 'supertest';
import { startSourceApp, waitFor } from './process-harness';
import { type RunningApp, TEST_BUILD_INFO, startApp } from './start-app';

export interface OperationalContract<Own extends object = object> {
  readonly identity: AppIdentity<Own>;
  readonly module: (config: AppConfig & Own, buildInfo: BuildInfo) => DynamicModule;
  /** Readiness checks the app must report, by name. */
  readonly readinessChecks: readonly string[];
}

/**
 * The operational surface both apps share (/, /health, /ready, /info,
 * /metrics, /docs, errors, request ids, security headers), as one spec each
 * app's e2e suite runs against itself over a real socket.
 */
export function describeOperationalEndpoints<Own extends object>(contract: OperationalContract<Own>): void {
  describe(`${contract.identity.name} operational endpoints`, () => {
    let running: RunningApp;

    beforeAll(async () => {
      running = await startApp(contract.identity, contract.module);
    });

    afterAll(async () => {
      await running.close();
    });

    describe('GET /', () => {
      it('returns the name, the version and links to the operational endpoints', async () => {
        const response = await request(running.baseUrl).get('/').expect(200);
        expect(response.body).toMatchObject({
          name: contract.identity.name,
          version: TEST_BUILD_INFO.version,
          links: { health: '/health', ready: '/ready', info: '/info', metrics: '/metrics', docs: '/docs' },
        });
      });
    });

    describe('GET /health', () => {
      it('returns 200 {"status":"ok"}', async () => {
        const response = await request(running.baseUrl).get('/health').expect(200);
        expect(response.body).toEqual({ status: 'ok' });
      });
    });

    describe('GET /ready', () => {
      it('reports every dependency as up, with its backend and latency', async () => {
        const response = await request(running.baseUrl).get('/ready').expect(200);
        expect(response.body.status).toBe('ok');
        expect(Object.keys(response.body.details).sort()).toEqual([...contract.readinessChecks].sort());
        for (const name of contract.readinessChecks) {
          expect(response.body.details[name]).toMatchObject({ status: 'up', backend: expect.any(String) });
        }
      });

      it('turns 503 problem+json as soon as shutdown begins, while /health stays 200', async () => {
        const separate = await startApp(contract.identity, contract.module, {
          env: { SHUTDOWN_DRAIN_DELAY_MS: '1500' },
        });
        try {
          // GIVEN an instance that received SIGTERM and is draining
          const draining = separate.app.get(ShutdownState).beforeApplicationShutdown('SIGTERM');
          // WHEN a probe asks during the drain delay
          const ready = await request(separate.baseUrl).get('/ready');
          const live = await request(separate.baseUrl).get('/health');
          // THEN readiness fails, liveness does not, and the server still answers
          expect(ready.status).toBe(503);
          expect(ready.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
          expect(ready.body).toMatchObject({ code: 'not-ready', status: 503 });
          expect(live.status).toBe(200);
          await draining;
        } finally {
          await separate.close();
        }
      });
    });

    describe('GET /info', () => {
      it('returns build, runtime and backend facts', async () => {
        const response = await request(running.baseUrl).get('/info').expect(200);
        expect(response.body).toMatchObject({
          name: contract.identity.name,
          version: TEST_BUILD_INFO.version,
          commit: TEST_BUILD_INFO.commit,
          buildTime: TEST_BUILD_INFO.buildTime,
          node: process.version,
          environment: 'test',
          hostname: expect.any(String),
        });
        expect(Object.keys(response.body.backends).sort()).toEqual([...contract.readinessChecks].sort());
        const expectedCache = running.config.cache.redisUrl === undefined ? 'memory' : 'redis';
        expect(response.body.backends.cache).toBe(expectedCache);
      });
    });

    describe('GET /metrics', () => {
      it('serves Prometheus text with process metrics and app_build_info', async () => {
        const response = await request(running.baseUrl).get('/metrics').expect(200);
        expect(response.headers['content-type']).toContain('text/plain');
        expect(response.text).toContain('process_cpu_seconds_total');
        expect(response.text).toContain(
          `app_build_info{version="${TEST_BUILD_INFO.version}",commit="${TEST_BUILD_INFO.commit}"} 1`,
        );
      });
    });

    describe('GET /docs-json', () => {
      it('is an OpenAPI 3 document that lists the operational routes', async () => {
        const response = await request(running.baseUrl).get('/docs-json').expect(200);
        expect(response.body.openapi).toMatch(/^3\./);
        expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/', '/health', '/ready', '/info']));
        expect(Object.keys(response.body.paths)).not.toContain('/metrics');
      });
    });

    describe('errors and request ids', () => {
      it('answers an unknown route with 404 problem+json carrying the request id', async () => {
        const response = await request(running.baseUrl).get('/no/such/route').expect(404);
        expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
        expect(response.body).toMatchObject({
          status: 404,
          code: 'not-found',
          type: expect.stringMatching(/\/not-found$/),
          instance: '/no/such/route',
          requestId: response.headers['x-request-id'],
        });
      });

      it('keeps a well-formed incoming X-Request-Id and replaces one that could forge log lines', async () => {
        const kept = await request(running.baseUrl).get('/health').set('X-Request-Id', 'abc-123');
        expect(kept.headers['x-request-id']).toBe('abc-123');
        const replaced = await request(running.baseUrl).get('/health').set('X-Request-Id', 'a b\tc"}');
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('refuses a malformed JSON body with 400 problem+json, not 500', async () => {
        const response = await request(running.baseUrl)
          .post('/health')
          .set('content-type', 'application/json')
          .send('{"broken":');
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
        expect(response.body).toMatchObject({ status: 400, code: 'bad-request' });
      });

      it('answers an undecodable URL with 400 problem+json', async () => {
        const badUrl = await request(running.baseUrl).get('/health/%E0%A4%A');
        expect(badUrl.status).toBe(400);
        expect(badUrl.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      });

      it('answers a body over the size limit with 413 problem+json', async () => {
        const response = await request(running.baseUrl)
          .post('/health')
          .set('content-type', 'application/json')
          .send(JSON.stringify({ padding: 'x'.repeat(running.config.http.bodyLimitBytes) }));
        expect(response.status).toBe(413);
        expect(response.body).toMatchObject({ code: 'payload-too-large' });
      });

      it('sets security headers on every response', async () => {
        const response = await request(running.baseUrl).get('/health');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      });
    });
  });
  describe(`${contract.identity.name} on a real SIGTERM (its own process, from source)`, () => {
    it('answers /ready 503 at once and keeps serving through the drain delay, then closes and exits 0', async () => {
      const scratch = mkdtempSync(join(tmpdir(), `${contract.identity.name}-sigterm-`));
      const started = await startSourceApp(contract.identity.name as 'sample-app' | 'llm-app', {
        NODE_ENV: 'test',
        SQLITE_PATH: join(scratch, 'db.sqlite'),
        SHUTDOWN_DRAIN_DELAY_MS: '2000',
      });
      const { child } = started.process;
      const statusOf = (path: string) =>
        fetch(`${started.baseUrl}${path}`, { signal: AbortSignal.timeout(1_000) }).then(
          (response) => response.status,
          () => 'refused' as const,
        );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        expect(await statusOf('/ready')).toBe(200);
        // WHEN the process receives SIGTERM, as a pod does from the kubelet
        child.kill('SIGTERM');
        // THEN readiness fails at once, while liveness keeps answering during the drain
        await waitFor(
          '/ready to answer 503',
          async () => ((await statusOf('/ready')) === 503 ? true : undefined),
          5_000,
        );
        expect(await statusOf('/health')).toBe(200);
        expect(child.exitCode).toBeNull();
        // AND after the drain the server closes and the process exits with 0
        expect(await exited).toBe(0);
        expect(await statusOf('/health')).toBe('refused');
        expect(started.process.output()).toContain('received SIGTERM: not ready; draining for 2000 ms');
      } finally {
        await started.process.stop();
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}
