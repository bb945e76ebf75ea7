import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedApp } from '../support/process-harness';
import { startSampleApp, stopApp } from './support/apps';
import { underFault } from './support/fault';
import { type FigureRow, recordFigures } from './support/figures';
import { type Tally, describeOutcomes, drive, send } from './support/load';
import { PrivatePostgres } from './support/private-postgres';
import { PrivateRedis } from './support/private-redis';
import { SampleClient } from './support/sample-workload';

/** The traffic every scenario holds: a few workers, bounded by time and by count. */
const LOAD = { concurrency: 6, maxRequests: 4_000 } as const;
const FAULT_MS = 4_000;

interface Readiness {
  readonly status: number;
  readonly checks: Record<string, { status: string; mode?: string }>;
}

async function readiness(baseUrl: string): Promise<Readiness> {
  const { outcome, body } = await send(`${baseUrl}/ready`, {}, 3_000);
  const parsed = JSON.parse(body ?? '{}') as { info?: object; details?: object; checks?: object };
  const checks = (parsed.details ?? parsed.checks ?? parsed.info ?? {}) as Readiness['checks'];
  return { status: typeof outcome === 'number' ? outcome : 0, checks };
}

async function fallbackCount(baseUrl: string, component: string): Promise<number> {
  const { body } = await send(`${baseUrl}/metrics`);
  const line = (body ?? '').split('\n').find((l) => l.startsWith(`app_redis_fallback_total{component="${component}"`));
  return Number(line?.split(' ').pop() ?? 0);
}

/** Only a 503 may come back while the database is away, and each carries Retry-After and problem+json. */
function checkUnavailable(bad: string[]): (response: Response, body: string) => void {
  return (response, body) => {
    if (response.status !== 503) return;
    const type = response.headers.get('content-type') ?? '';
    if (response.headers.get('retry-after') === null || !type.startsWith('application/problem+json')) {
      bad.push(`${response.status} ${type} retry-after=${String(response.headers.get('retry-after'))} ${body}`);
    }
  };
}

const row = (scenario: string, tally: Tally, extra: Partial<FigureRow> = {}): FigureRow => ({
  scenario,
  requests: tally.requests,
  status5xx: tally.status5xx,
  connectionErrors: tally.connectionErrors,
  note: `${describeOutcomes(tally)}; slowest ${tally.maxLatencyMs} ms`,
  ...extra,
});

describe('sample-app under dependency faults (built app, its own PostgreSQL and Redis)', () => {
  const figures: FigureRow[] = [];
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let databaseUrl: string;
  let app: StartedApp;
  let client: SampleClient;
  const load = () => ({ ...LOAD, step: (index: number) => client.step(app.baseUrl, index) });

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    databaseUrl = await postgres.createDatabase('sample');
    app = await startSampleApp({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url });
    client = await SampleClient.signUp(app.baseUrl);
  }, 90_000);

  afterAll(async () => {
    recordFigures('sample-app faults', figures);
    await stopApp(app, 'sample-app-faults');
    await redis?.stop('redis-sample-app');
    postgres?.stop();
  }, 60_000);

  it('holds a mix of reads, cache hits and authenticated writes with no 5xx and no connection error', async () => {
    const tally = await drive({ ...load(), durationMs: 3_000 });
    figures.push(row('load held (no fault)', tally));
    expect(tally.outcomes).toEqual(expect.objectContaining({ 200: expect.any(Number), 201: expect.any(Number) }));
    expect(tally.status5xx).toBe(0);
    expect(tally.connectionErrors).toBe(0);
  });

  it('keeps serving without a 5xx while Redis is killed, reports it degraded, and recovers by itself', async () => {
    let duringFault: Readiness | undefined;
    let fallbacks = 0;
    const result = await underFault({
      load: load(),
      leadMs: 500,
      inject: () => redis.kill(),
      holdMs: FAULT_MS,
      whileFaulty: async () => {
        duringFault = await readiness(app.baseUrl);
        fallbacks = await fallbackCount(app.baseUrl, 'rate_limit');
      },
      heal: () => redis.restart(),
      recovered: async () => (await readiness(app.baseUrl)).checks.rateLimit?.mode === 'shared',
      tailMs: 1_500,
    });
    figures.push(row(`Redis killed ${FAULT_MS / 1_000} s`, result.tally, { recoveryMs: result.recoveryMs }));
    expect(result.tally.status5xx).toBe(0);
    expect(result.tally.connectionErrors).toBe(0);
    expect(duringFault?.status).toBe(200);
    expect(duringFault?.checks).toMatchObject({
      cache: { status: 'degraded' },
      rateLimit: { status: 'degraded', mode: 'per-process' },
    });
    expect(fallbacks).toBeGreaterThan(0);
  }, 60_000);

  it('keeps serving without a 5xx, each answer within the cache timeout, while Redis is frozen', async () => {
    const result = await underFault({
      load: load(),
      leadMs: 500,
      inject: () => redis.freeze(),
      holdMs: FAULT_MS,
      heal: () => redis.thaw(),
      recovered: async () => (await readiness(app.baseUrl)).checks.rateLimit?.mode === 'shared',
      tailMs: 1_500,
    });
    figures.push(row(`Redis frozen ${FAULT_MS / 1_000} s`, result.tally, { recoveryMs: result.recoveryMs }));
    expect(result.tally.status5xx).toBe(0);
    expect(result.tally.connectionErrors).toBe(0);
    // CACHE_OPERATION_TIMEOUT_MS is 500 ms; a request makes a few Redis calls at most before falling back.
    expect(result.tally.maxLatencyMs).toBeLessThan(3_000);
  }, 60_000);

  it('answers 503 problem+json with Retry-After while PostgreSQL is stopped, /ready 503, and recovers by itself', async () => {
    const malformed: string[] = [];
    let readyDuringFault = 0;
    const result = await underFault({
      load: { ...LOAD, step: (index) => client.step(app.baseUrl, index, checkUnavailable(malformed)) },
      leadMs: 500,
      inject: () => postgres.halt(),
      holdMs: FAULT_MS,
      whileFaulty: async () => {
        readyDuringFault = (await readiness(app.baseUrl)).status;
      },
      heal: () => postgres.begin(),
      recovered: async () => (await client.create(app.baseUrl, `probe-${Date.now()}`)).outcome === 201,
      tailMs: 1_500,
    });
    const unavailable = result.tally.outcomes['503'] ?? 0;
    figures.push(
      row(`PostgreSQL stopped ${FAULT_MS / 1_000} s`, result.tally, {
        status5xx: result.tally.status5xx - unavailable,
        recoveryMs: result.recoveryMs,
      }),
    );
    expect(unavailable).toBeGreaterThan(0);
    expect(result.tally.status5xx - unavailable).toBe(0);
    expect(result.tally.connectionErrors).toBe(0);
    expect(malformed).toEqual([]);
    expect(readyDuringFault).toBe(503);
    // The stop ended the pool's idle connections: pg-pool's error event is one JSON warning, not
    // TypeORM's plain-text "Postgres pool raised an error" (the closing log scan checks every line).
    const poolLines = app.process
      .output()
      .split('\n')
      .filter((line) => line.includes('a pooled database connection failed'));
    expect(poolLines.length).toBeGreaterThan(0);
    for (const line of poolLines) expect(JSON.parse(line)).toMatchObject({ code: '57P01' });
    expect(app.process.output()).not.toContain('Postgres pool raised an error');
  }, 60_000);

  it('answers within seconds (503, never a hang) while PostgreSQL is frozen, and recovers by itself', async () => {
    const malformed: string[] = [];
    const result = await underFault({
      load: { ...LOAD, step: (index) => client.step(app.baseUrl, index, checkUnavailable(malformed)) },
      leadMs: 500,
      inject: () => postgres.freeze(),
      holdMs: 6_000,
      heal: () => postgres.thaw(),
      recovered: async () => (await client.create(app.baseUrl, `probe-${Date.now()}`)).outcome === 201,
      tailMs: 1_500,
    });
    const unavailable = result.tally.outcomes['503'] ?? 0;
    figures.push(
      row('PostgreSQL frozen 6 s', result.tally, {
        status5xx: result.tally.status5xx - unavailable,
        recoveryMs: result.recoveryMs,
      }),
    );
    expect(unavailable).toBeGreaterThan(0);
    expect(result.tally.status5xx - unavailable).toBe(0);
    expect(result.tally.connectionErrors).toBe(0);
    expect(malformed).toEqual([]);
    // DATABASE_STATEMENT_TIMEOUT_MS=2000: a query waits 2.5 s at most, a request makes a few.
    expect(result.tally.maxLatencyMs).toBeLessThan(8_000);
  }, 60_000);

  it('stores each create exactly once when its client retries with one Idempotency-Key across a PostgreSQL freeze', async () => {
    // GIVEN a client of its own that gives up a first attempt after 30 ms (before the server can answer:
    // its write commits unseen) and later ones after 1 s (the server bounds its own waits at 2.5 s)
    const careful = await SampleClient.signUp(app.baseUrl);
    const attempts: string[] = [];
    const result = await underFault({
      load: {
        concurrency: 4,
        maxRequests: 400,
        step: async (index) => {
          const write = await careful.createIdempotently(app.baseUrl, `idem${index}`, {
            firstAttemptTimeoutMs: 30,
            attemptTimeoutMs: 1_000,
            deadlineMs: 15_000,
          });
          attempts.push(...write.attempts);
          return write.outcome;
        },
      },
      leadMs: 500,
      // WHEN PostgreSQL freezes under those writes and thaws
      inject: () => postgres.freeze(),
      holdMs: FAULT_MS,
      heal: () => postgres.thaw(),
      recovered: async () => (await client.create(app.baseUrl, `probe-${Date.now()}`)).outcome === 201,
      tailMs: 1_000,
    });
    await sleep(500);
    // THEN every create was acknowledged, and listing finds each exactly once (none lost, none doubled)
    const audit = await careful.audit(app.baseUrl);
    const count = (what: string) => attempts.filter((attempt) => attempt === what).length;
    figures.push({
      scenario: `creates retried with one Idempotency-Key across PostgreSQL frozen ${FAULT_MS / 1_000} s`,
      requests: result.tally.requests,
      status5xx: 0,
      lostWrites: audit.lost + result.tally.requests - (result.tally.outcomes['201'] ?? 0),
      duplicatedWrites: audit.duplicated + Math.max(0, audit.stored - careful.acknowledged.size),
      recoveryMs: result.recoveryMs,
      note: `${attempts.length} attempts (${attempts.length - result.tally.requests} retries): ${count('201')} created, ${count('201 replayed')} replayed, ${count('503')}×503, ${count('409')}×409, ${count('timeout')} given up by the client; ${audit.stored} items stored`,
    });
    expect(result.tally.outcomes).toEqual({ 201: result.tally.requests });
    expect(audit.lost).toBe(0);
    expect(audit.duplicated).toBe(0);
    // Not one stored item more than acknowledged (the seed item signUp creates is among them): no phantom.
    expect(audit.stored).toBe(careful.acknowledged.size);
    // Retries met writes that had committed unseen, and replayed them instead of doubling them.
    expect(count('201 replayed')).toBeGreaterThan(0);
  }, 60_000);

  it('loses no acknowledged write and stores none twice through all of the above', async () => {
    await sleep(500);
    const audit = await client.audit(app.baseUrl);
    figures.push({
      scenario: 'writes acknowledged through every fault',
      requests: client.acknowledged.size,
      lostWrites: audit.lost,
      duplicatedWrites: audit.duplicated,
      note: `${audit.stored} items stored (writes answered 503 may have committed: the client was told to retry)`,
    });
    expect(audit.lost).toBe(0);
    expect(audit.duplicated).toBe(0);
  }, 60_000);
});
