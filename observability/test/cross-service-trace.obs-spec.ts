import { signUp } from '../../test/support/accounts';
import { type StartedProcess, freePort, startBuiltApp, waitFor } from '../../test/support/process-harness';
import { requiredServiceUrls, uniqueName } from '../../test/support/service-env';
import { type CollectedSpan, OtlpCollector, SPAN_KIND } from './otlp-collector';

jest.setTimeout(60_000);

/** Resolves the trace of one request from the spans the collector holds, once every process exported its part. */
function traceOf(spans: readonly CollectedSpan[], traceId: string): Map<string, CollectedSpan> {
  return new Map(spans.filter((span) => span.traceId === traceId).map((span) => [span.spanId, span]));
}

/** The span and each of its ancestors, up to the root of the trace. */
function lineageOf(span: CollectedSpan, trace: ReadonlyMap<string, CollectedSpan>): CollectedSpan[] {
  const lineage = [span];
  for (
    let parent = trace.get(span.parentSpanId ?? '');
    parent !== undefined;
    parent = trace.get(parent.parentSpanId ?? '')
  ) {
    lineage.push(parent);
  }
  return lineage;
}

const podOf = (span: CollectedSpan) => span.resource['k8s.pod.name'];

/**
 * The cross-service trace: sample-app summarises an item through
 * llm-app, whose provider is a second llm-app, all three as built processes
 * with the HTTP instrumentation main.ts loads; their spans reach one OTLP
 * receiver and must form one trace, each hop a child of the call that caused it.
 */
describe('one trace across sample-app → llm-app → provider', () => {
  let collector: OtlpCollector;
  const processes: StartedProcess[] = [];

  const start = async (app: 'sample-app' | 'llm-app', pod: string, env: Record<string, string>) => {
    const started = await startBuiltApp(app, {
      NODE_ENV: 'development',
      REDIS_URL: requiredServiceUrls().redisUrl,
      REDIS_KEY_PREFIX: `${uniqueName(pod)}:`,
      POD_NAME: pod,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LLM_SIMULATED_TTFT_MS: '0',
      LLM_SIMULATED_TOKENS_PER_SECOND: '5000',
      ...env,
    });
    processes.push(started.process);
    return started.baseUrl;
  };

  let sampleApp: string;
  let gateway: string;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    // sample-app's port is chosen first: the gateway must know where its JWKS is before sample-app starts.
    const samplePort = await freePort();
    // GIVEN a provider (a simulated llm-app), a gateway llm-app in front of it that trusts
    // sample-app's tokens, and sample-app asking the gateway for summaries
    const provider = await start('llm-app', 'provider-pod', {});
    gateway = await start('llm-app', 'gateway-pod', {
      AUTH_JWKS_URL: `http://127.0.0.1:${samplePort}/.well-known/jwks.json`,
      LLM_UPSTREAM_BASE_URL: `${provider}/v1`,
      LLM_UPSTREAM_NAME: 'provider',
      LLM_UPSTREAM_MODELS: 'summariser=simulated',
    });
    sampleApp = await start('sample-app', 'sample-app-pod', {
      PORT: String(samplePort),
      DATABASE_URL: requiredServiceUrls().databaseUrl,
      LLM_GATEWAY_URL: gateway,
      LLM_GATEWAY_MODEL: 'summariser',
    });
  }, 90_000);

  afterAll(async () => {
    for (const started of processes.reverse()) await started.stop();
    await collector?.close();
  }, 30_000);

  it('links every hop of an item summary into one trace', async () => {
    // WHEN a signed-in user asks sample-app for a summary, sending no trace context of their own
    const { accessToken } = await signUp(sampleApp, 'trace');
    const json = { 'content-type': 'application/json' };
    const auth = { ...json, authorization: `Bearer ${accessToken}` };
    const created = await fetch(`${sampleApp}/api/v1/items`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Telescope', description: 'A 200 mm reflector.' }),
    });
    const itemId = ((await created.json()) as { id: string }).id;
    const summary = await fetch(`${sampleApp}/api/v1/items/${itemId}/summary`, {
      method: 'POST',
      headers: { authorization: auth.authorization },
    });
    expect(summary.status).toBe(200);

    // THEN the provider's server span descends, hop by hop, from sample-app's server span
    const { lineage, trace } = await waitFor('all three processes to export the summary trace', () => {
      const providerServer = collector.spans.find(
        (span) =>
          podOf(span) === 'provider-pod' &&
          span.kind === SPAN_KIND.SERVER &&
          span.name.includes('/v1/chat/completions'),
      );
      if (providerServer === undefined) return Promise.resolve(undefined);
      const spans = traceOf(collector.spans, providerServer.traceId);
      const found = lineageOf(providerServer, spans);
      // Complete once the chain reaches a span without a parent: the trace's root.
      const complete = !found.at(-1)?.parentSpanId;
      return Promise.resolve(complete ? { lineage: found, trace: spans } : undefined);
    });
    const hops = lineage.map((span) => ({ pod: podOf(span), kind: span.kind }));
    expect(hops.at(-1)).toEqual({ pod: 'sample-app-pod', kind: SPAN_KIND.SERVER });
    const sampleAppCall = lineage.findIndex(
      (span) => podOf(span) === 'sample-app-pod' && span.kind === SPAN_KIND.CLIENT,
    );
    const gatewayServer = lineage.findIndex((span) => podOf(span) === 'gateway-pod' && span.kind === SPAN_KIND.SERVER);
    const providerCall = lineage.find(
      (span) => podOf(span) === 'gateway-pod' && span.attributes['gen_ai.operation.name'] === 'chat',
    );
    // The gateway's server span is a child of sample-app's outgoing call: the traceparent crossed the wire.
    expect(sampleAppCall).toBe(gatewayServer + 1);
    expect(providerCall).toMatchObject({
      kind: SPAN_KIND.CLIENT,
      name: 'chat simulated',
      attributes: expect.objectContaining({ 'gen_ai.provider.name': 'provider', 'gen_ai.request.model': 'simulated' }),
    });
    // sample-app's database work is part of the same trace.
    const sampleAppSpans = [...trace.values()].filter((span) => podOf(span) === 'sample-app-pod');
    expect(sampleAppSpans.map((span) => span.attributes['db.system.name'] ?? span.attributes['db.system'])).toContain(
      'postgresql',
    );

    // Fastify's hooks get no spans of their own (instrumentHooks: false halves tracing's cost): only handlers do.
    const hookNames = [...trace.values()]
      .map((span) => span.attributes['hook.name'])
      .filter((name) => name !== undefined);
    expect(hookNames.length).toBeGreaterThan(0);
    for (const name of hookNames) expect(name).toMatch(/route-handler$/);

    // AND the gateway's own trace buffer shows the same trace
    const buffered = await fetch(`${gateway}/traces/${lineage[0]?.traceId ?? ''}`, {
      headers: { authorization: auth.authorization },
    });
    expect(buffered.status).toBe(200);
    expect(JSON.stringify(await buffered.json())).toContain('"gen_ai.operation.name":"chat"');
  });
});
