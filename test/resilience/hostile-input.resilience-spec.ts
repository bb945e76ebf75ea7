import fc from 'fast-check';
import { answerProblems } from './support/answer-checks';
import { recordFigures } from './support/figures';
import { HostileClient, mapConcurrently } from './support/hostile-http';
import { type HostileTargets, startHostileTargets } from './support/hostile-targets';
import { type CaseContext, hostileRequests, operationsOf } from './support/openapi-cases';
import { createApiKey, createItem, metricValue, openApiDocument, signIn } from './support/resilience-accounts';

const CASES_PER_APP = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const CONCURRENCY = 8;
const BODY_LIMIT_BYTES = 1_048_576;
const HEAP = 'nodejs_heap_size_used_bytes';

interface FuzzOutcome {
  readonly cases: number;
  readonly failures: readonly string[];
  readonly byStatus: Readonly<Record<string, number>>;
  readonly ms: number;
}

/**
 * Hostile input generated from each app's own OpenAPI document (served at /docs-json by
 * the built app) with fast-check, sent over keep-alive connections: every answer must be
 * a 2xx or a 4xx in the app's error shape, never a 5xx, a hang or a leak, and the heap
 * must come back near where it started. Reproduce a run with FUZZ_SEED=<seed>.
 */
describe('hostile input generated from the OpenAPI documents', () => {
  let targets: HostileTargets;
  const outcomes: Record<string, FuzzOutcome & { heapBefore: number; heapAfter: number }> = {};

  beforeAll(async () => {
    targets = await startHostileTargets('fuzz');
  }, 120_000);

  afterAll(async () => {
    await targets?.stop();
    recordFigures(
      'hostile-input',
      Object.entries(outcomes).map(([app, outcome]) => ({
        scenario: `${app} fuzzed from its OpenAPI document (seed ${SEED})`,
        requests: outcome.cases,
        status5xx: outcome.byStatus['5xx'] ?? 0,
        fuzzCases: outcome.cases,
        note: `${(outcome.ms / 1000).toFixed(1)} s; heap ${mb(outcome.heapBefore)} -> ${mb(outcome.heapAfter)} MiB; ${outcome.failures.length} bad answers`,
      })),
    );
  });

  async function fuzz(base: string, context: CaseContext, openAiShape: boolean): Promise<FuzzOutcome> {
    const operations = operationsOf((await openApiDocument(base)) as Parameters<typeof operationsOf>[0]);
    const cases = fc.sample(hostileRequests(operations, context), { numRuns: CASES_PER_APP, seed: SEED });
    const client = new HostileClient(base, CONCURRENCY);
    const failures: string[] = [];
    const byStatus: Record<string, number> = {};
    const started = Date.now();
    const slowest: { ms: number; what: string }[] = [];
    await mapConcurrently(cases, CONCURRENCY, async (hostile) => {
      try {
        const sent = Date.now();
        const answer = await client.send(hostile);
        slowest.push({
          ms: Date.now() - sent,
          what: `${hostile.method} ${hostile.path.slice(0, 60)} [${hostile.kind}]`,
        });
        const family = `${Math.floor(answer.status / 100)}xx`;
        byStatus[family] = (byStatus[family] ?? 0) + 1;
        const problems = answerProblems(answer, hostile.path, openAiShape, hostile.echoes);
        if (problems.length > 0) {
          failures.push(
            `${hostile.method} ${hostile.path.slice(0, 120)} [${hostile.kind}] -> ${answer.status}: ${problems.join('; ')}`,
          );
        }
      } catch (error) {
        byStatus.errors = (byStatus.errors ?? 0) + 1;
        failures.push(
          `${hostile.method} ${hostile.path.slice(0, 120)} [${hostile.kind}] -> ${(error as Error).message}`,
        );
      }
    });
    client.close();
    if (process.env.FUZZ_PROFILE) {
      console.log(
        slowest
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 40)
          .map((entry) => `${entry.ms} ms ${entry.what}`)
          .join('\n'),
      );
    }
    return { cases: cases.length, failures, byStatus, ms: Date.now() - started };
  }

  /** Heap used after a full garbage collection: live objects only, so a leak is what can make it grow. */
  async function liveHeap(base: string): Promise<number> {
    await targets.collectGarbage(base);
    return metricValue(base, HEAP);
  }

  /** Fails with the seed and the first 25 bad answers in the diff. */
  const expectClean = (app: string, outcome: FuzzOutcome) => {
    const report = (failures: readonly string[]) =>
      `${app}, seed ${SEED}: ${failures.length} bad answers of ${outcome.cases}\n${failures.slice(0, 25).join('\n')}`;
    expect(report(outcome.failures)).toBe(report([]));
  };

  it('sample-app answers every generated request with a 2xx or a problem+json 4xx, leaks nothing and returns to its heap baseline', async () => {
    const base = targets.sampleApp;
    const owner = await signIn(base, 'fuzz-owner');
    const itemId = await createItem(base, owner, 'fuzzed telescope');
    const reader = await createApiKey(base, owner, ['items:read']);
    const admin = await signIn(base, 'fuzz-admin', targets.admin);
    const context: CaseContext = {
      pathValues: { id: [itemId, owner.userId, reader.id], key: ['greeting', 'a.b:c-d'] },
      credentials: [
        { authorization: `Bearer ${owner.accessToken}` },
        { authorization: `Bearer ${admin.accessToken}` },
        { 'x-api-key': reader.key },
      ],
      bodyLimitBytes: BODY_LIMIT_BYTES,
    };
    const heapBefore = await liveHeap(base);
    const outcome = await fuzz(base, context, false);
    const heapAfter = await liveHeap(base);
    outcomes['sample-app'] = { ...outcome, heapBefore, heapAfter };
    expect(outcome.cases).toBeGreaterThanOrEqual(CASES_PER_APP);
    expectClean('sample-app', outcome);
    expect(outcome.byStatus['2xx'] ?? 0).toBeGreaterThan(0);
    expect(heapAfter).toBeLessThanOrEqual(heapBefore * 1.5 + 32 * 2 ** 20);
  }, 180_000);

  it("llm-app answers every generated request with a 2xx or a 4xx in OpenAI's shape under /v1 (problem+json elsewhere), leaks nothing and returns to its heap baseline", async () => {
    const base = targets.llmApp;
    const user = await signIn(targets.sampleApp, 'fuzz-llm-user');
    const context: CaseContext = {
      pathValues: { traceId: ['0af7651916cd43dd8448eb211c80319c'] },
      credentials: [{ authorization: `Bearer ${targets.llmApiKey}` }, { authorization: `Bearer ${user.accessToken}` }],
      bodyLimitBytes: BODY_LIMIT_BYTES,
    };
    const heapBefore = await liveHeap(base);
    const outcome = await fuzz(base, context, true);
    const heapAfter = await liveHeap(base);
    outcomes['llm-app'] = { ...outcome, heapBefore, heapAfter };
    expect(outcome.cases).toBeGreaterThanOrEqual(CASES_PER_APP);
    expectClean('llm-app', outcome);
    expect(outcome.byStatus['2xx'] ?? 0).toBeGreaterThan(0);
    expect(heapAfter).toBeLessThanOrEqual(heapBefore * 1.5 + 32 * 2 ** 20);
  }, 180_000);
});

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
