import type { DynamicModule } from '@nestjs/common';
import { UNMATCHED_ROUTE } from '@app/logging';
import type { AppConfig, AppIdentity, BuildInfo } from '@app/config';
import request from 'supertest';
import { parseSamples, sampleValue } from './prometheus-text';
import { type RunningApp, startApp } from './start-app';

export interface MetricsContract<Own extends object = object> {
  readonly identity: AppIdentity<Own>;
  readonly module: (config: AppConfig & Own, buildInfo: BuildInfo) => DynamicModule;
}

const OPENMETRICS_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

/**
 * What /metrics must say about the traffic an app served, over a real socket.
 * prom-client's registry is per process and other suites' instances share it,
 * so every assertion compares before and after.
 */
export function describeMetrics<Own extends object>(contract: MetricsContract<Own>): void {
  describe(`${contract.identity.name} metrics`, () => {
    let running: RunningApp;
    const scrape = async (): Promise<string> => (await request(running.baseUrl).get('/metrics').expect(200)).text;

    beforeAll(async () => {
      running = await startApp(contract.identity, contract.module);
    });

    afterAll(async () => {
      await running.close();
    });

    describe('HTTP server metrics', () => {
      it('counts a request under its method, route template and status code', async () => {
        const labels = { method: 'GET', route: '/info', status_code: '200' };
        const before = await scrape();
        await request(running.baseUrl).get('/info?verbose=1').expect(200);
        const after = await scrape();
        expect(sampleValue(after, 'http_server_requests_total', labels)).toBe(
          sampleValue(before, 'http_server_requests_total', labels) + 1,
        );
        expect(sampleValue(after, 'http_server_request_duration_seconds_count', labels)).toBe(
          sampleValue(before, 'http_server_request_duration_seconds_count', labels) + 1,
        );
        expect(sampleValue(after, 'http_server_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
          sampleValue(after, 'http_server_request_duration_seconds_count', labels),
        );
      });

      it('counts every unknown path under one label value, so scanners cannot add series', async () => {
        const labels = { method: 'GET', route: UNMATCHED_ROUTE, status_code: '404' };
        const before = await scrape();
        await request(running.baseUrl).get('/wp-admin/setup.php').expect(404);
        await request(running.baseUrl).get('/.env').expect(404);
        const after = await scrape();
        expect(sampleValue(after, 'http_server_requests_total', labels)).toBe(
          sampleValue(before, 'http_server_requests_total', labels) + 2,
        );
        const routes = parseSamples(after).map((sample) => sample.labels.route ?? '');
        expect(routes).not.toContain('/wp-admin/setup.php');
        expect(routes).not.toContain('/.env');
      });

      it('leaves /metrics out of its own metrics', async () => {
        await scrape();
        const routes = parseSamples(await scrape())
          .filter((sample) => sample.name.startsWith('http_server_'))
          .map((sample) => sample.labels.route);
        expect(routes).not.toContain('/metrics');
      });

      it('reports no request in flight once every response is sent', async () => {
        await Promise.all([request(running.baseUrl).get('/health'), request(running.baseUrl).get('/')]);
        // A response reaches the client a moment before the server's 'finish' event; one more
        // round trip lets those events run.
        await scrape();
        expect(sampleValue(await scrape(), 'http_server_active_requests')).toBe(0);
      });
    });

    describe('dependency state', () => {
      it('turns each readiness check into app_dependency_up and a check latency', async () => {
        await request(running.baseUrl).get('/ready').expect(200);
        const text = await scrape();
        const backend = running.config.cache.redisUrl === undefined ? 'memory' : 'redis';
        expect(sampleValue(text, 'app_dependency_up', { dependency: 'cache', backend })).toBe(1);
        expect(
          sampleValue(text, 'app_dependency_check_duration_seconds_count', { dependency: 'cache' }),
        ).toBeGreaterThan(0);
      });
    });

    describe('content negotiation', () => {
      it('answers an OpenMetrics scrape in OpenMetrics, and a text scrape after it still in text', async () => {
        await request(running.baseUrl).get('/health').expect(200);
        const openMetrics = await request(running.baseUrl).get('/metrics').set('Accept', OPENMETRICS_ACCEPT);
        expect(openMetrics.headers['content-type']).toContain('application/openmetrics-text');
        expect(openMetrics.text.endsWith('# EOF\n')).toBe(true);
        expect(openMetrics.text).toContain('# TYPE http_server_requests counter');
        expect(openMetrics.text).toMatch(/^http_server_requests_total\{/m);
        expect(openMetrics.text).not.toContain('_total_total');

        const text = await request(running.baseUrl).get('/metrics').expect(200);
        expect(text.headers['content-type']).toContain('text/plain');
        expect(text.text).toContain('# TYPE http_server_requests_total counter');
        expect(text.text).not.toContain('# EOF');
      });
    });

    describe('with METRICS_ENABLED=false', () => {
      it('serves no /metrics at all', async () => {
        const off = await startApp(contract.identity, contract.module, { env: { METRICS_ENABLED: 'false' } });
        try {
          await request(off.baseUrl).get('/health').expect(200);
          await request(off.baseUrl).get('/metrics').expect(404);
        } finally {
          await off.close();
        }
      });
    });
  });
}
