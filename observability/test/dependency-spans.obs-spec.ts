import { randomBytes } from 'node:crypto';
import { signUp } from '../../test/support/accounts';
import { type StartedProcess, startBuiltApp, waitFor } from '../../test/support/process-harness';
import { requiredServiceUrls, uniqueName } from '../../test/support/service-env';
import { OtlpCollector, SPAN_KIND } from './otlp-collector';

jest.setTimeout(60_000);

const traceparent = (traceId: string, sampled: boolean) =>
  `00-${traceId}-${randomBytes(8).toString('hex')}-${sampled ? '01' : '00'}`;

/**
 * Decision 0145: Redis commands and SQL queries of a request the sampler left out make no spans, and
 * a sampled request's trace still holds one span per command and query under its server span. The
 * caller's traceparent decides sampling here (the parent-based sampler follows it), so the test does
 * not depend on the ratio's luck; the ratio is production's.
 */
describe('Redis and PostgreSQL spans at the production sampling ratio', () => {
  let collector: OtlpCollector;
  let started: StartedProcess;
  let sampleApp: string;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    const app = await startBuiltApp('sample-app', {
      NODE_ENV: 'development',
      TRACING_SAMPLE_RATIO: '0.1',
      REDIS_URL: requiredServiceUrls().redisUrl,
      REDIS_KEY_PREFIX: `${uniqueName('deps')}:`,
      DATABASE_URL: requiredServiceUrls().databaseUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    started = app.process;
    sampleApp = app.baseUrl;
  }, 60_000);

  afterAll(async () => {
    await started?.stop();
    await collector?.close();
  }, 30_000);

  it("gives a sampled request's trace its Redis and SQL spans, and an unsampled one none", async () => {
    const { accessToken } = await signUp(sampleApp, 'deps');
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ name: 'Telescope', description: 'A 200 mm reflector.' });
    const traceId = () => randomBytes(16).toString('hex');
    const [sampledInsert, unsampledInsert, sampledRead, unsampledRead] = [traceId(), traceId(), traceId(), traceId()];
    const post = (traceId: string, sampled: boolean) =>
      fetch(`${sampleApp}/api/v1/items`, {
        method: 'POST',
        headers: { ...headers, traceparent: traceparent(traceId, sampled) },
        body,
      });
    // WHEN one insert and one read are sampled by their caller, and one of each is not
    const created = await post(sampledInsert, true);
    expect(created.status).toBe(201);
    expect((await post(unsampledInsert, false)).status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const get = (traceId: string, sampled: boolean) =>
      fetch(`${sampleApp}/api/v1/items/${id}`, { headers: { ...headers, traceparent: traceparent(traceId, sampled) } });
    expect((await get(unsampledRead, false)).status).toBe(200); // fills the cache
    expect((await get(sampledRead, true)).status).toBe(200); // a cache hit: Redis only

    // THEN the sampled insert has its query and pool spans, the sampled read its Redis commands
    const spansOf = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);
    const dbSystems = (traceId: string) =>
      spansOf(traceId)
        .filter((span) => span.kind === SPAN_KIND.CLIENT)
        .map((span) => span.attributes['db.system.name'] ?? span.attributes['db.system']);
    await waitFor('both sampled traces to be exported', () =>
      Promise.resolve(
        dbSystems(sampledInsert).includes('postgresql') && dbSystems(sampledRead).includes('redis') ? true : undefined,
      ),
    );
    expect(spansOf(sampledInsert).map((span) => span.name)).toEqual(
      expect.arrayContaining(['POST /api/v1/items', 'pg-pool.connect']),
    );
    const server = spansOf(sampledRead).find((span) => span.kind === SPAN_KIND.SERVER);
    const redis = spansOf(sampledRead).filter(
      (span) =>
        span.kind === SPAN_KIND.CLIENT &&
        (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'redis',
    );
    // The rate limit, the failed-authentication peek and the cache read, each a child within the request.
    expect(redis.length).toBeGreaterThanOrEqual(2);
    for (const span of redis) expect(spansOf(sampledRead).some((s) => s.spanId === span.parentSpanId)).toBe(true);
    expect(server?.name).toBe('GET /api/v1/items/:id');

    // AND the unsampled requests exported nothing at all: no server span, no Redis or SQL span
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(spansOf(unsampledInsert)).toEqual([]);
    expect(spansOf(unsampledRead)).toEqual([]);
  });
});
