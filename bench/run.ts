// `npm run bench`: how much of Fastify's capacity the full stack keeps, measured on this
// machine as ratios against a bare Fastify server run in the same session (absolute numbers
// vary from machine to machine and run to run; the ratios are what to compare).
// Needs the built apps (the npm script builds them), DATABASE_URL and REDIS_URL.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { signUp } from '../test/support/accounts';
import { startOtlpSink } from './otlp-sink';
import { type Server, startServer } from './server-process';

const ROOT = resolve(__dirname, '..');
/** The same app in every scenario; only its settings change. */
const SAMPLE_APP = join(ROOT, 'dist/apps/sample-app/apps/sample-app/src/main.js');
const WARM_UP_SECONDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
/** The bar: the full stack keeps at least half of bare Fastify's throughput. */
const FULL_STACK_FLOOR = 0.5;

interface Measurement {
  readonly scenario: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ratio: number;
}

type Route = 'info' | 'item';

interface Scenario {
  readonly name: string;
  readonly route: Route;
  readonly env: Record<string, string>;
}

interface Target {
  readonly url: string;
  readonly headers: Record<string, string>;
}

async function load(target: Target, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${target.url}: ${failed} failed requests (errors, timeouts or non-2xx)`);
  return result;
}

async function measure(scenario: string, target: Target, baseline?: number): Promise<Measurement> {
  await load(target, WARM_UP_SECONDS);
  const result = await load(target, SECONDS);
  const requestsPerSecond = result.requests.average;
  const measurement = {
    scenario,
    requestsPerSecond,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ratio: requestsPerSecond / (baseline ?? requestsPerSecond),
  };
  console.log(
    `${scenario.padEnd(64)} ${requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(measurement.p50Ms).padStart(3)} ms  p99 ${String(measurement.p99Ms).padStart(4)} ms  ${measurement.ratio.toFixed(2)}×`,
  );
  return measurement;
}

/** A signed-in user's item, read once so the measured reads are cache hits. */
async function itemTarget(server: Server): Promise<Target> {
  const { accessToken } = await signUp(server.baseUrl, 'bench');
  const headers = { authorization: `Bearer ${accessToken}` };
  const created = await fetch(`${server.baseUrl}/api/v1/items`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Telescope', description: 'A 200 mm reflector.' }),
  });
  if (!created.ok) throw new Error(`POST /api/v1/items: ${created.status} ${await created.text()}`);
  const item = (await created.json()) as { id: string };
  const url = `${server.baseUrl}/api/v1/items/${item.id}`;
  await fetch(url, { headers });
  return { url, headers };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl)
    throw new Error('npm run bench needs DATABASE_URL and REDIS_URL (PostgreSQL and Redis).');
  const sink = await startOtlpSink();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  // Production settings: JSON request logs, metrics, 10 % of traces exported over OTLP, Redis-backed limits and cache.
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench-${randomUUID()}:`,
    AUTH_JWT_PRIVATE_KEY: signingKey,
    RATE_LIMIT_MAX_REQUESTS: '1000000',
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
  };
  const metricsAndTracingOff = { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' };
  const scenarios: Scenario[] = [
    { name: 'GET /info: production stack (metrics, 10 % traces, logs)', route: 'info', env: production },
    { name: 'GET /info: every request traced', route: 'info', env: { ...production, TRACING_SAMPLE_RATIO: '1' } },
    { name: 'GET /info: metrics and tracing off', route: 'info', env: { ...production, ...metricsAndTracingOff } },
    { name: 'GET item (JWT, Redis limit + cache): production stack', route: 'item', env: production },
    {
      name: 'GET item (JWT, Redis limit + cache): metrics and tracing off',
      route: 'item',
      env: { ...production, ...metricsAndTracingOff },
    },
  ];

  console.log(`${CONNECTIONS} connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up\n`);
  const measurements: Measurement[] = [];
  const bare = await startServer(join(__dirname, 'bare-fastify.mjs'), {});
  const baselines = new Map<Route, number>();
  try {
    for (const route of ['info', 'item'] as const) {
      const path = route === 'info' ? '/info' : `/api/v1/items/${randomUUID()}`;
      const measured = await measure(`${route === 'info' ? 'GET /info' : 'GET item'}: bare Fastify (baseline)`, {
        url: `${bare.baseUrl}${path}`,
        headers: {},
      });
      baselines.set(route, measured.requestsPerSecond);
      measurements.push(measured);
    }
  } finally {
    await bare.stop();
  }
  for (const scenario of scenarios) {
    const server = await startServer(SAMPLE_APP, scenario.env);
    try {
      const target =
        scenario.route === 'info' ? { url: `${server.baseUrl}/info`, headers: {} } : await itemTarget(server);
      measurements.push(await measure(scenario.name, target, baselines.get(scenario.route)));
    } finally {
      await server.stop();
    }
  }
  await sink.close();

  const fullStack = measurements.find((measurement) => measurement.scenario === scenarios[0]?.name);
  const verdict = (fullStack?.ratio ?? 0) >= FULL_STACK_FLOOR ? 'holds' : 'does NOT hold';
  console.log(
    `\nOn GET /info the production stack keeps ${fullStack?.ratio.toFixed(2)}× of bare Fastify: the ${FULL_STACK_FLOOR}× floor ${verdict}.`,
  );
  const directory = join(ROOT, '.cache', 'bench');
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, measurements }, null, 2)}\n`,
  );
  console.log(`Results: ${join('.cache', 'bench', 'results.json')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
