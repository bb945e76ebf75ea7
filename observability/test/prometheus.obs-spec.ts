import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { sha256Hex } from '@app/auth';
import { ruleFiles } from '../src/alerts/catalog';
import { dashboards, prometheusQueries } from '../src/dashboards/catalog';
import { GENERATED_DIRECTORY } from '../src/generated-files';
import { bearer, signUp } from '../../test/support/accounts';
import { FakeUpstream } from '../../test/support/fake-openai-upstream';
import {
  type StartedApp,
  type StartedProcess,
  freePort,
  startBuiltApp,
  startProcess,
  waitFor,
} from '../../test/support/process-harness';
import { requiredServiceUrls, uniqueName } from '../../test/support/service-env';
import { OtlpCollector } from './otlp-collector';
import { metricNames } from './promql-metric-names';
import {
  type AppName,
  FAILING_UPSTREAM_MODEL,
  type Fixtures,
  LLM_API_KEYS,
  LLM_LIMITS,
  familiesOf,
  given,
} from './route-families';

const ROOT = resolve(__dirname, '..', '..');
jest.setTimeout(60_000);
const APPS: readonly AppName[] = ['sample-app', 'llm-app'];
/** The circuit of the failing upstream opens after this many failed attempts in a row. */
const BREAKER_FAILURES = 2;
/** Scrapes of each app after the last request: enough for every rate window to hold several samples. */
const SCRAPES_AFTER_TRAFFIC = 3;
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
/** Grafana's interval variables, at values that fit a 1 s scrape and a test of a few seconds. */
const GRAFANA_VARIABLES: Readonly<Record<string, string>> = {
  $__rate_interval: '30s',
  $__range: '5m',
  $__interval: '5s',
};

interface PromResponse {
  status: string;
  error?: string;
  data: { resultType: string; result: unknown[] };
}

interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Each app's own settings. llm-app serves FAILING_UPSTREAM_MODEL from an
 * upstream that is down (so it retries, opens the circuit and falls back to
 * the simulator), prices the simulator's tokens, and limits each client's
 * requests and tokens as the LLM families expect; its simulator answers fast
 * so the test stays short.
 */
function appEnv(app: AppName, failingUpstreamUrl: string): Record<string, string> {
  if (app === 'sample-app') return {};
  return {
    LLM_API_KEY_SHA256: Object.values(LLM_API_KEYS).map(sha256Hex).join(','),
    RATE_LIMIT_MAX_REQUESTS: String(LLM_LIMITS.requestsPerClient),
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    LLM_TOKEN_BUDGET_PER_WINDOW: String(LLM_LIMITS.tokensPerClient),
    LLM_TOKEN_BUDGET_WINDOW_SECONDS: '3600',
    LLM_PRICES: JSON.stringify({ simulated: { input: 0.15, output: 0.6 } }),
    LLM_UPSTREAM_BASE_URL: failingUpstreamUrl,
    LLM_UPSTREAM_MODELS: `${FAILING_UPSTREAM_MODEL}=overloaded-model`,
    LLM_UPSTREAM_MAX_RETRIES: '1',
    LLM_CIRCUIT_BREAKER_FAILURES: String(BREAKER_FAILURES),
    LLM_CIRCUIT_BREAKER_COOLDOWN_MS: '3600000',
    LLM_MODEL_FALLBACKS: `${FAILING_UPSTREAM_MODEL}=simulated`,
    LLM_SIMULATED_TTFT_MS: '10',
    LLM_SIMULATED_TOKENS_PER_SECOND: '2000',
  };
}

/** The account and item the sample-app families read, created through the API. */
async function createFixtures(sampleAppUrl: string): Promise<Fixtures> {
  const account = await signUp(sampleAppUrl, 'observability');
  const item = await request(sampleAppUrl)
    .post('/api/v1/items')
    .set(...bearer(account.accessToken))
    .send({ name: 'Watched' })
    .expect(201);
  return { email: account.email, accessToken: account.accessToken, itemId: item.body.id as string };
}

function withGrafanaVariables(expr: string): string {
  return Object.entries(GRAFANA_VARIABLES).reduce((text, [name, value]) => text.replaceAll(name, value), expr);
}

/**
 * The proof that every signal is real: both built apps on PostgreSQL + Redis
 * (llm-app with one model behind an upstream that is down), a real Prometheus
 * scraping them every second with the generated rules loaded, traffic through
 * every route family (route-families.ts), then every dashboard query and every
 * rule expression run against Prometheus' HTTP API.
 */
describe('dashboards and alerts against a real Prometheus', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'observability-'));
  const apps = new Map<string, StartedApp>();
  let prometheus: StartedProcess;
  let prometheusUrl: string;
  let collector: OtlpCollector;
  let failingUpstream: FakeUpstream;

  const query = async (expr: string): Promise<PromResponse> => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`);
    return (await response.json()) as PromResponse;
  };
  const samples = async (expr: string) => (await query(expr)).data.result as PromSample[];
  /** The value of a query that must return exactly one series. */
  const single = async (expr: string): Promise<number> => {
    const result = await samples(expr);
    expect({ expr, series: result.length }).toEqual({ expr, series: 1 });
    return Number(result[0]?.value[1]);
  };
  const baseUrlOf = (app: AppName): string => {
    const started = apps.get(app);
    if (started === undefined) throw new Error(`${app} did not start`);
    return started.baseUrl;
  };

  beforeAll(async () => {
    const services = requiredServiceUrls();
    collector = await OtlpCollector.start();
    // An overloaded OpenAI-compatible upstream: every call answers 503 in OpenAI's error shape.
    failingUpstream = await FakeUpstream.start();
    failingUpstream.answer({ kind: 'unavailable' });

    for (const app of APPS) {
      apps.set(
        app,
        await startBuiltApp(app, {
          NODE_ENV: 'development',
          DATABASE_URL: services.databaseUrl,
          REDIS_URL: services.redisUrl,
          REDIS_KEY_PREFIX: `${uniqueName(app)}:`,
          POD_NAME: `${app}-test-pod`,
          POD_NAMESPACE: 'observability-test',
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
          OTEL_BSP_SCHEDULE_DELAY: '200',
          ...appEnv(app, failingUpstream.baseUrl),
        }),
      );
    }

    const prometheusPort = await freePort();
    prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ruleFiles().map((file) => join(ROOT, GENERATED_DIRECTORY, 'rules', `${file.name}.rules.yaml`)),
      scrape_configs: [...apps].map(([app, { baseUrl }]) => ({
        job_name: app,
        static_configs: [{ targets: [new URL(baseUrl).host] }],
      })),
    };
    writeFileSync(join(scratch, 'prometheus.yml'), stringify(config));
    prometheus = startProcess(
      'prometheus',
      [
        `--config.file=${join(scratch, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(scratch, 'data')}`,
        `--web.listen-address=127.0.0.1:${prometheusPort}`,
        '--enable-feature=exemplar-storage',
        '--log.level=warn',
      ],
      { PATH: globalThis.process.env.PATH },
    );
    await waitFor('Prometheus to be ready', async () =>
      (await fetch(`${prometheusUrl}/-/ready`)).ok ? true : undefined,
    );

    const fixtures = await createFixtures(baseUrlOf('sample-app'));
    for (const app of APPS) {
      for (const family of familiesOf(app)) {
        const path = given(family.path, fixtures);
        const body = family.body === undefined ? undefined : given(family.body, fixtures);
        for (const [index, status] of family.statuses.entries()) {
          const response = await fetch(`${baseUrlOf(app)}${path}`, {
            method: family.method,
            headers: {
              traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
              'content-type': 'application/json',
              ...given(family.headers ?? {}, fixtures),
            },
            body: typeof body === 'object' ? JSON.stringify(body) : body,
          });
          // Read to the end: a stream is measured when it finishes.
          const text = await response.text();
          const route = `${app} ${family.method} ${path} #${index + 1}`;
          expect({ route, status: response.status }).toEqual({ route, status });
          if (family.lastBody !== undefined && index === family.statuses.length - 1) {
            expect({ route, body: text }).toEqual({ route, body: expect.stringMatching(family.lastBody) });
          }
        }
      }
    }
    const trafficEnded = Date.now() / 1_000;
    let lastScrape = 0;
    for (const app of APPS) {
      lastScrape = Math.max(
        lastScrape,
        await waitFor(`${SCRAPES_AFTER_TRAFFIC} scrapes of ${app} after the traffic`, async () => {
          const [up] = (await query(`up{job="${app}"}[1m]`)).data.result as { values: [number, string][] }[];
          const after = (up?.values ?? []).map(([time]) => time).filter((time) => time > trafficEnded);
          return after.length >= SCRAPES_AFTER_TRAFFIC ? Math.max(...after) : undefined;
        }),
      );
    }
    // Recorded series the alerts read must include those scrapes.
    await waitFor('every rule group evaluated after the last scrape', async () => {
      const response = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
        data: { groups: { lastEvaluation: string }[] };
      };
      const evaluated = response.data.groups.map((group) => Date.parse(group.lastEvaluation) / 1_000);
      return evaluated.every((time) => time > lastScrape) ? true : undefined;
    });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const { process } of apps.values()) await process.stop();
    await collector?.close();
    await failingUpstream?.close();
    rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  it('scrapes both apps in OpenMetrics, with trace exemplars on the latency histogram', async () => {
    for (const app of APPS) {
      expect((await query(`up{job="${app}"}`)).data.result).toEqual([
        expect.objectContaining({ value: [expect.any(Number), '1'] }),
      ]);
      const now = Date.now() / 1_000;
      const response = await fetch(
        `${prometheusUrl}/api/v1/query_exemplars?${new URLSearchParams({
          query: `http_server_request_duration_seconds_bucket{job="${app}"}`,
          start: String(now - 300),
          end: String(now),
        }).toString()}`,
      );
      expect(JSON.stringify(await response.json())).toContain(TRACE_ID);
    }
  });

  it('parses every dashboard query', async () => {
    const errors: string[] = [];
    for (const panel of dashboards().flatMap((entry) => prometheusQueries(entry.dashboard))) {
      const result = await query(withGrafanaVariables(panel.expr));
      if (result.status !== 'success') errors.push(`${panel.dashboard} "${panel.panel}": ${result.error}`);
    }
    expect(errors).toEqual([]);
  });

  const covered = dashboards().filter((entry) => entry.everyPanelHasData);
  it.each(
    covered.flatMap((entry) =>
      prometheusQueries(entry.dashboard).map((panel) => [panel.dashboard, panel.panel, panel.expr]),
    ),
  )('dashboard %s, panel "%s" returns a series', async (_dashboard, _panel, expr) => {
    const result = await query(withGrafanaVariables(expr));
    expect(result.error).toBeUndefined();
    expect(result.data.result.length).toBeGreaterThan(0);
  });

  it.each(
    ruleFiles().flatMap((file) =>
      file.groups.flatMap((group) =>
        group.rules.map((rule) => [file.name, 'alert' in rule ? rule.alert : rule.record, rule.expr]),
      ),
    ),
  )('rule file %s: %s is valid PromQL', async (_file, _rule, expr) => {
    expect(await query(expr)).toMatchObject({ status: 'success' });
  });

  it.each(
    ruleFiles()
      .filter((file) => file.seriesExistToday)
      .flatMap((file) =>
        file.groups.flatMap((group) =>
          group.rules.map((rule) => [file.name, 'alert' in rule ? rule.alert : rule.record, metricNames(rule.expr)]),
        ),
      ),
  )('rule file %s: every metric %s reads has a series', async (_file, _rule, names) => {
    const missing: string[] = [];
    for (const name of names) {
      if ((await query(`count({__name__="${name}"})`)).data.result.length === 0) missing.push(name);
    }
    expect(names.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('loaded every generated rule into Prometheus without error', async () => {
    const response = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
      data: { groups: { name: string; rules: { health: string; name: string }[] }[] };
    };
    const loaded = response.data.groups.flatMap((group) => group.rules);
    const expected = ruleFiles().flatMap((file) => file.groups.flatMap((group) => group.rules));
    expect(loaded).toHaveLength(expected.length);
    expect(loaded.filter((rule) => rule.health === 'err')).toEqual([]);
  });

  it.each(APPS)('%s: promtool check metrics finds no problem in /metrics', async (app) => {
    const text = await (await fetch(`${apps.get(app)?.baseUrl}/metrics`)).text();
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('recorded the faults the LLM families provoked: retries, an open circuit, and refusals of both kinds', async () => {
    // The first call was retried until the circuit opened; every later one was served by the fallback at once.
    expect(failingUpstream.requests).toBe(BREAKER_FAILURES);
    expect(await single('sum(llm_upstream_retries_total{job="llm-app"})')).toBeGreaterThan(0);
    expect(await single('sum(llm_upstream_errors_total{job="llm-app",reason="status_5xx"})')).toBeGreaterThan(0);
    expect(await single('llm_circuit_breaker_state{job="llm-app",provider="upstream"}')).toBe(2);
    const rejections = await samples('llm_rate_limit_rejections_total{job="llm-app"}');
    expect(Object.fromEntries(rejections.map((sample) => [sample.metric.kind, sample.value[1]]))).toEqual({
      requests: '1',
      tokens: '2',
    });
    expect(await single('sum(llm_estimated_cost_usd_total{job="llm-app",model="simulated"})')).toBeGreaterThan(0);
  });

  it('exported the spans of the traced requests over OTLP, with the service resource', async () => {
    const traced = await waitFor('spans at the collector', () => {
      const spans = collector.spans.filter((span) => span.traceId === TRACE_ID);
      return Promise.resolve(spans.length > 0 ? spans : undefined);
    });
    const services = new Set(collector.spans.map((span) => span.resource['service.name']));
    for (const app of APPS) expect(services).toContain(app);
    expect(traced.map((span) => span.resource['k8s.pod.name'])).toContain('sample-app-test-pod');
  });
});
