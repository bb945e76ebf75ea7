// `npm run bench`: the cost of the fully observed stack, as the server's CPU time per request
// (from /proc, the load generator on its own core where `taskset` exists) against baselines run
// in the same session, interleaved over several rounds (A B C … A B C …) and reported as medians.
// Rows B1-B10 of issue #13 with their goals; see docs/benchmarks.md. BENCH_QUICK=1 runs every
// row briefly so CI keeps the harness working; speed is never a pass/fail condition.
// Needs the built apps (the npm script builds them), DATABASE_URL and REDIS_URL.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { LLM_APP_ENTRY, SAMPLE_APP_ENTRY } from '../apps/registry';
import { signUp } from '../test/support/accounts';
import { latency, type LoadResult, saturate, streamTiming, type Target } from './load';
import { startBenchSession } from './bench-session';
import { imageContents } from './image-contents';
import { buildLadders, printLadder } from './ladders';
import { CAN_PIN, pinSelfToLoadCore, rssMb } from './process-stats';
import { fixed, median, printTable, type Row, signed } from './rows';
import { POD_MEMORY_LIMIT, type Server, type ServerOptions, startServer } from './server-process';

const ROOT = resolve(__dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 5));
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (QUICK ? 4 : 120));
const LATENCY_SAMPLES = QUICK ? 100 : 2_000;
const STREAM_SAMPLES = QUICK ? 5 : 50;
const STREAM_CHUNKS = 100;
const CONNECTIONS = 32;
const LLM_CONNECTIONS = 50;
const IMAGE_PARTS_SHOWN = 12;
const SAMPLE_APP = join(ROOT, 'dist/apps/sample-app/apps/sample-app/src/main.js');
const LLM_APP = join(ROOT, 'dist/apps/llm-app/apps/llm-app/src/main.js');
const PORTKEY = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const LLM_KEY = `bench-${randomUUID()}`;
const CHAT_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Say something short.' }],
});
const STREAM_BODY = JSON.stringify({
  model: 'bench-model',
  stream: true,
  messages: [{ role: 'user', content: 'Stream.' }],
});
/** The apps' own switches for their observability (docs/configuration.md): the ladders' "observability off" rungs. */
/** The apps' young-generation flag (decision 0150), given to every baseline and peer as well. */
const BASELINE_NODE_ARGS: readonly string[] = SAMPLE_APP_ENTRY.nodeOptions.filter((flag) =>
  flag.startsWith('--max-semi-space-size='),
);
const OBSERVABILITY_OFF = { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true', LOG_LEVEL: 'silent' };
/** The B1/B2 ladder's rungs on bare Fastify (bench/ladder-fastify.mjs), each with every layer before it. */
const FASTIFY_RUNGS = ['ids', 'log', 'metrics', 'helmet'] as const;
/** The cases the rows read; every other case is a ladder rung (bench/ladders.ts). */
const ROW_CASES: ReadonlySet<string> = new Set(
  [
    'info.bare',
    'info.production',
    'info.traced',
    'item.bare',
    'item.production',
    'insert.bare',
    'insert.production',
  ].concat(['chat.direct', 'chat.llm-app', 'chat.portkey', 'stream.llm-app', 'stream.portkey']),
);

interface Case {
  readonly name: string;
  readonly server: () => Server;
  readonly target: () => Target;
  readonly connections: number;
}

/** A signed-in user with one item, read once so the measured reads are cache hits. */
async function itemTargets(server: Server): Promise<{ read: Target; create: Target; token: string }> {
  const { accessToken } = await signUp(server.baseUrl, 'bench');
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'Telescope', description: 'A 200 mm reflector.' });
  const created = await fetch(`${server.baseUrl}/api/v1/items`, { method: 'POST', headers, body });
  if (!created.ok) throw new Error(`POST /api/v1/items: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const read = { url: `${server.baseUrl}/api/v1/items/${id}`, headers: { authorization: headers.authorization } };
  await fetch(read.url, { headers: read.headers });
  return { read, create: { url: `${server.baseUrl}/api/v1/items`, method: 'POST', headers, body }, token: accessToken };
}

function synthSeconds(): number {
  const samples: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i += 1) {
    const started = performance.now();
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['k8s/main.ts'], { cwd: ROOT, stdio: 'ignore' });
    if (result.status !== 0) throw new Error('npm run synth failed');
    samples.push((performance.now() - started) / 1_000);
  }
  return median(samples);
}

async function main(): Promise<void> {
  pinSelfToLoadCore();
  const session = await startBenchSession();
  const { redisUrl, isolatedDatabaseUrl, production } = session;
  const servers: Server[] = [];
  // A baseline or rung started without flags of its own gets the apps' young generation (decision
  // 0150), so a ratio compares the code, not V8's heap sizing under the pod's memory limit.
  const start = async (
    script: string,
    env: Record<string, string | undefined>,
    options: ServerOptions = {},
  ): Promise<Server> => {
    const server = await startServer(script, env, { ...options, nodeArgs: options.nodeArgs ?? BASELINE_NODE_ARGS });
    servers.push(server);
    return server;
  };
  try {
    console.log(
      `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${CAN_PIN ? 'load generator on core 0, servers on core 1' : 'no taskset: not pinned'}`,
    );
    console.log(
      `${ROUNDS} interleaved rounds of ${SECONDS} s per case, soak ${SOAK_SECONDS} s${QUICK ? ' (quick mode)' : ''}\n`,
    );

    const sample = await start(SAMPLE_APP, production, {
      readyPath: '/ready',
      nodeArgs: SAMPLE_APP_ENTRY.nodeOptions,
    });
    console.log(
      sample.memoryLimited
        ? `every server in a memory cgroup of its own, limited to ${POD_MEMORY_LIMIT} (an app pod's limit in production): V8 sizes its heap as in the pod\n`
        : `no memory cgroup could be made (needs root and a memory controller): V8 sizes each server's heap from this host's memory, not from a pod's ${POD_MEMORY_LIMIT}\n`,
    );
    const traced = await start(
      SAMPLE_APP,
      { ...production, TRACING_SAMPLE_RATIO: '1' },
      { readyPath: '/ready', nodeArgs: SAMPLE_APP_ENTRY.nodeOptions },
    );
    const bare = await start(join(__dirname, 'bare-fastify.mjs'), {
      BENCH_JWKS_URL: `${sample.baseUrl}/.well-known/jwks.json`,
      BENCH_REDIS_URL: redisUrl,
      BENCH_DATABASE_URL: isolatedDatabaseUrl,
    });
    const upstream = await start(join(__dirname, 'fake-llm-upstream.mjs'), {
      BENCH_STREAM_CHUNKS: String(STREAM_CHUNKS),
    });
    const llmEnv = {
      ...production,
      LLM_API_KEY_SHA256: createHash('sha256').update(LLM_KEY).digest('hex'),
      LLM_UPSTREAM_BASE_URL: `${upstream.baseUrl}/v1`,
      LLM_UPSTREAM_MODELS: 'bench-model',
      LLM_DEFAULT_MODEL: 'bench-model',
    };
    const llm = await start(LLM_APP, llmEnv, { readyPath: '/ready', nodeArgs: LLM_APP_ENTRY.nodeOptions });
    // The ladders' servers (bench/ladders.ts). Those whose boot row B7 reports start one at a time,
    // as the apps above did; the other rungs start together.
    const ladderFastify = join(__dirname, 'ladder-fastify.mjs');
    const otelRung = (ratio: string) => ({
      BENCH_LAYERS: [...FASTIFY_RUNGS, 'otel'].join(','),
      BENCH_TRACE_RATIO: ratio,
      OTEL_EXPORTER_OTLP_ENDPOINT: production.OTEL_EXPORTER_OTLP_ENDPOINT,
    });
    // Quick mode, whose boot figures are noise anyway, starts them together too.
    const booted = [
      () => start(ladderFastify, {}),
      () => start(ladderFastify, otelRung('0.1')),
      () =>
        start(join(__dirname, 'bare-nest.mjs'), {
          BENCH_JWKS_URL: `${sample.baseUrl}/.well-known/jwks.json`,
          BENCH_REDIS_URL: redisUrl,
          BENCH_DATABASE_URL: isolatedDatabaseUrl,
          BENCH_TABLE: 'bench_items_nest',
        }),
      () =>
        start(
          SAMPLE_APP,
          { ...production, ...OBSERVABILITY_OFF },
          { readyPath: '/ready', nodeArgs: SAMPLE_APP_ENTRY.nodeOptions },
        ),
      () =>
        start(
          LLM_APP,
          { ...llmEnv, ...OBSERVABILITY_OFF },
          { readyPath: '/ready', nodeArgs: LLM_APP_ENTRY.nodeOptions },
        ),
    ] as const;
    const started = QUICK
      ? await Promise.all(booted.map((boot) => boot()))
      : await booted.reduce<Promise<Server[]>>(
          async (earlier, boot) => [...(await earlier), await boot()],
          Promise.resolve([]),
        );
    const bootedAt = (index: number): Server => {
      const server = started[index];
      if (server === undefined) throw new Error(`ladder server ${index} did not start`);
      return server;
    };
    const [fastify, otel10, nest, sampleOff, llmOff] = [0, 1, 2, 3, 4].map(bootedAt) as [
      Server,
      Server,
      Server,
      Server,
      Server,
    ];
    const relay = (client: 'http' | 'undici' | 'fetch') =>
      start(join(__dirname, 'bare-relay.mjs'), {
        BENCH_RELAY: client,
        BENCH_UPSTREAM_URL: `${upstream.baseUrl}/v1`,
        BENCH_KEY_SHA256: llmEnv.LLM_API_KEY_SHA256,
      });
    const [relayHttp, relayUndici, relayFetch, otel100, ...fastifyRungs] = await Promise.all([
      relay('http'),
      relay('undici'),
      relay('fetch'),
      start(ladderFastify, otelRung('1')),
      ...FASTIFY_RUNGS.map((_, index) =>
        start(ladderFastify, { BENCH_LAYERS: FASTIFY_RUNGS.slice(0, index + 1).join(',') }),
      ),
    ]);
    const rung = (layer: (typeof FASTIFY_RUNGS)[number]): Server => {
      const server = fastifyRungs[FASTIFY_RUNGS.indexOf(layer)];
      if (server === undefined) throw new Error(`no ladder server for ${layer}`);
      return server;
    };
    /** The servers of rows B7 and B8's ladders, by the names bench/ladders.ts reads. */
    const footprint: Record<string, Server> = {
      fastify,
      'fastify-libs': otel10,
      nest,
      'sample-off': sampleOff,
      sample,
      'llm-off': llmOff,
      'relay-http': relayHttp,
      'relay-undici': relayUndici,
      'relay-fetch': relayFetch,
      llm,
    };
    const portkey = existsSync(PORTKEY)
      ? await start(
          PORTKEY,
          {},
          {
            nodeArgs: [...BASELINE_NODE_ARGS, '--import', join(__dirname, 'portkey-fetch-shim.mjs')],
            args: ['--port={port}', '--headless'],
            readyPath: '/',
          },
        )
      : undefined;

    const items = await itemTargets(sample);
    const offItems = await itemTargets(sampleOff);
    const bareHeaders = { authorization: `Bearer ${items.token}`, 'content-type': 'application/json' };
    const llmHeaders = { authorization: `Bearer ${LLM_KEY}`, 'content-type': 'application/json' };
    const portkeyHeaders = {
      'content-type': 'application/json',
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${upstream.baseUrl}/v1`,
      authorization: 'Bearer unused',
    };
    const chat = (server: Server, headers: Record<string, string>, body = CHAT_BODY): Target => ({
      url: `${server.baseUrl}/v1/chat/completions`,
      method: 'POST',
      headers,
      body,
    });
    const idle = { sample: rssMb(sample.pid), llm: rssMb(llm.pid) };
    const idleFootprint = Object.fromEntries(
      Object.entries(footprint).map(([name, server]) => [name, rssMb(server.pid)]),
    );
    const serving = (name: string, server: Server, path: string, extra: Partial<Target> = {}): Case => ({
      name,
      server: () => server,
      target: () => ({ ...extra, url: `${server.baseUrl}${path}` }),
      connections: CONNECTIONS,
    });

    const cases: Case[] = [
      {
        name: 'info.bare',
        server: () => bare,
        target: () => ({ url: `${bare.baseUrl}/info` }),
        connections: CONNECTIONS,
      },
      ...FASTIFY_RUNGS.map((layer) => serving(`info.${layer}`, rung(layer), '/info')),
      serving('info.otel10', otel10, '/info'),
      serving('info.otel100', otel100, '/info'),
      serving('info.nest', nest, '/info'),
      serving('info.off', sampleOff, '/info'),
      {
        name: 'info.production',
        server: () => sample,
        target: () => ({ url: `${sample.baseUrl}/info` }),
        connections: CONNECTIONS,
      },
      {
        name: 'info.traced',
        server: () => traced,
        target: () => ({ url: `${traced.baseUrl}/info` }),
        connections: CONNECTIONS,
      },
      {
        name: 'item.bare',
        server: () => bare,
        target: () => ({ url: `${bare.baseUrl}/api/v1/items/bench`, headers: bareHeaders }),
        connections: CONNECTIONS,
      },
      serving('item.nest', nest, '/api/v1/items/bench', { headers: bareHeaders }),
      { name: 'item.off', server: () => sampleOff, target: () => offItems.read, connections: CONNECTIONS },
      { name: 'item.production', server: () => sample, target: () => items.read, connections: CONNECTIONS },
      {
        name: 'insert.bare',
        server: () => bare,
        target: () => ({ ...items.create, url: `${bare.baseUrl}/api/v1/items`, headers: bareHeaders }),
        connections: CONNECTIONS,
      },
      serving('insert.nest', nest, '/api/v1/items', { ...items.create, headers: bareHeaders }),
      { name: 'insert.off', server: () => sampleOff, target: () => offItems.create, connections: CONNECTIONS },
      { name: 'insert.production', server: () => sample, target: () => items.create, connections: CONNECTIONS },
      {
        name: 'chat.direct',
        server: () => upstream,
        target: () => chat(upstream, llmHeaders),
        connections: LLM_CONNECTIONS,
      },
      ...(
        [
          ['chat.relay-http', relayHttp],
          ['chat.relay-undici', relayUndici],
          ['chat.relay-fetch', relayFetch],
          ['chat.llm-off', llmOff],
        ] as const
      ).map(([name, server]) => ({
        name,
        server: () => server,
        target: () => chat(server, llmHeaders),
        connections: LLM_CONNECTIONS,
      })),
      { name: 'chat.llm-app', server: () => llm, target: () => chat(llm, llmHeaders), connections: LLM_CONNECTIONS },
      ...(portkey
        ? [
            {
              name: 'chat.portkey',
              server: () => portkey,
              target: () => chat(portkey, portkeyHeaders),
              connections: LLM_CONNECTIONS,
            },
          ]
        : []),
      ...(
        [
          ['stream.direct', upstream],
          ['stream.relay-http', relayHttp],
          ['stream.relay-undici', relayUndici],
          ['stream.relay-fetch', relayFetch],
          ['stream.llm-off', llmOff],
        ] as const
      ).map(([name, server]) => ({
        name,
        server: () => server,
        target: () => chat(server, llmHeaders, STREAM_BODY),
        connections: 8,
      })),
      { name: 'stream.llm-app', server: () => llm, target: () => chat(llm, llmHeaders, STREAM_BODY), connections: 8 },
      ...(portkey
        ? [
            {
              name: 'stream.portkey',
              server: () => portkey,
              target: () => chat(portkey, portkeyHeaders, STREAM_BODY),
              connections: 8,
            },
          ]
        : []),
    ];

    // Warm-up: every case once, briefly (JIT, pools, caches), then the interleaved rounds.
    for (const c of cases) await saturate(c.target(), c.server().pid, QUICK ? 0.25 : 2, c.connections);
    const results = new Map<string, LoadResult[]>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const c of cases) {
        // Quick mode only keeps the harness working: the ladders' cases run half as long there.
        const seconds = QUICK && !ROW_CASES.has(c.name) ? SECONDS / 2 : SECONDS;
        const result = await saturate(c.target(), c.server().pid, seconds, c.connections);
        results.set(c.name, [...(results.get(c.name) ?? []), result]);
      }
      console.log(`round ${round}/${ROUNDS} done`);
    }
    const cpu = (name: string): number => median((results.get(name) ?? []).map((r) => r.cpuMicrosPerRequest));
    const rps = (name: string): number => median((results.get(name) ?? []).map((r) => r.requestsPerSecond));
    const loadedFootprint = Object.fromEntries(
      Object.entries(footprint).map(([name, server]) => [name, rssMb(server.pid)]),
    );

    // Latency at one connection: the relay's added mean, and the streams' time to first byte.
    const direct1 = await latency(chat(upstream, llmHeaders), LATENCY_SAMPLES);
    const relay1 = await latency(chat(llm, llmHeaders), LATENCY_SAMPLES);
    const portkey1 = portkey ? await latency(chat(portkey, portkeyHeaders), LATENCY_SAMPLES) : undefined;
    const ttfb = async (target: Target): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < STREAM_SAMPLES; i += 1) samples.push((await streamTiming(target)).ttfbMicros);
      return median(samples);
    };
    const ttfbDirect = await ttfb(chat(upstream, llmHeaders, STREAM_BODY));
    const ttfbRelay = await ttfb(chat(llm, llmHeaders, STREAM_BODY));
    const ttfbPortkey = portkey ? await ttfb(chat(portkey, portkeyHeaders, STREAM_BODY)) : NaN;
    // The same at each rung of the relay ladders.
    const latencies: Record<string, number> = {
      'chat.direct': direct1.meanMicros,
      'chat.llm-app': relay1.meanMicros,
      'stream.direct': ttfbDirect,
      'stream.llm-app': ttfbRelay,
    };
    for (const [name, server] of [
      ['relay-http', relayHttp],
      ['relay-undici', relayUndici],
      ['relay-fetch', relayFetch],
      ['llm-off', llmOff],
    ] as const) {
      latencies[`chat.${name}`] = (await latency(chat(server, llmHeaders), LATENCY_SAMPLES)).meanMicros;
      latencies[`stream.${name}`] = await ttfb(chat(server, llmHeaders, STREAM_BODY));
    }

    // Soak: a mixed load on both apps at once; RSS at the end of each half.
    // A few failures under a long overload are reported in the row, not fatal: the soak measures memory.
    let soakFailures = 0;
    let soakRequests = 0;
    const soak = async (seconds: number): Promise<void> => {
      const results = await Promise.all([
        saturate({ ...items.read }, sample.pid, seconds, 16, { tolerateFailures: true }),
        saturate(chat(llm, llmHeaders), llm.pid, seconds, 16, { tolerateFailures: true }),
      ]);
      for (const result of results) {
        soakFailures += result.failures;
        soakRequests += result.requests;
      }
    };
    await soak(SOAK_SECONDS / 2);
    const halfway = { sample: rssMb(sample.pid), llm: rssMb(llm.pid) };
    await soak(SOAK_SECONDS / 2);
    const loaded = { sample: rssMb(sample.pid), llm: rssMb(llm.pid) };

    const image = imageContents(ROOT);
    const synth = synthSeconds();

    const ratioRow = (id: string, scenario: string, goal: number, baseline: string, variant: string): Row => {
      const ratio = cpu(baseline) / cpu(variant);
      return {
        id,
        scenario,
        goal: `≥ ${goal.toFixed(2)}×`,
        measured: `${fixed(ratio, 2)}× (${fixed(cpu(variant))} µs/req, ${fixed(rps(variant))} req/s)`,
        baseline: `${fixed(cpu(baseline))} µs/req, ${fixed(rps(baseline))} req/s`,
        // No requests (a case that failed to start in quick mode) is no verdict.
        meets: Number.isFinite(ratio) && cpu(variant) > 0 ? ratio >= goal : undefined,
      };
    };
    const gatewayCpu = cpu('chat.llm-app');
    const addedLatencyMs = (relay1.meanMicros - direct1.meanMicros) / 1_000;
    const perChunk = cpu('stream.llm-app') / STREAM_CHUNKS;
    const portkeyPerChunk = portkey ? cpu('stream.portkey') / STREAM_CHUNKS : NaN;
    const growth = (before: number, after: number): number => ((after - before) / before) * 100;
    const rows: Row[] = [
      ratioRow('B1', 'GET /info, production stack (logs, metrics, 10 % traces)', 0.5, 'info.bare', 'info.production'),
      ratioRow('B2', 'GET /info, every request traced', 0.35, 'info.bare', 'info.traced'),
      ratioRow('B3', 'GET item, JWT + Redis limit + Redis cache hit', 0.5, 'item.bare', 'item.production'),
      ratioRow('B4', 'POST /api/v1/items on PostgreSQL', 0.5, 'insert.bare', 'insert.production'),
      {
        id: 'B5a',
        scenario: 'llm relay, non-streamed: gateway CPU per request',
        goal: '≤ 150 µs',
        measured: `${fixed(gatewayCpu)} µs/req`,
        baseline: portkey
          ? `Portkey ${fixed(cpu('chat.portkey'))} µs/req; upstream ${fixed(cpu('chat.direct'))}`
          : `upstream ${fixed(cpu('chat.direct'))} µs/req; Portkey not installed`,
        meets: gatewayCpu <= 150,
      },
      {
        id: 'B5b',
        scenario: 'llm relay: added mean latency at 1 connection',
        goal: '≤ +0.3 ms',
        measured: `${signed(addedLatencyMs, 2)} ms (p50 ${fixed(relay1.p50Micros)} µs, p99 ${fixed(relay1.p99Micros)} µs)`,
        baseline: `direct mean ${fixed(direct1.meanMicros)} µs${portkey1 ? `; Portkey ${signed((portkey1.meanMicros - direct1.meanMicros) / 1_000, 2)} ms` : ''}`,
        meets: addedLatencyMs <= 0.3,
      },
      {
        id: 'B5c',
        scenario: `llm relay: throughput at ${LLM_CONNECTIONS} connections`,
        goal: "≥ 2× Portkey's",
        measured: `${fixed(rps('chat.llm-app'))} req/s`,
        baseline: portkey ? `Portkey ${fixed(rps('chat.portkey'))} req/s` : 'Portkey not installed',
        meets: portkey ? rps('chat.llm-app') >= 2 * rps('chat.portkey') : undefined,
      },
      {
        id: 'B6',
        scenario: `llm relay, streamed (${STREAM_CHUNKS} chunks): added TTFB; CPU per chunk`,
        goal: "≤ +0.5 ms; ≤ Portkey's",
        measured: `${signed((ttfbRelay - ttfbDirect) / 1_000, 2)} ms; ${fixed(perChunk, 1)} µs/chunk`,
        baseline: `direct TTFB ${fixed(ttfbDirect)} µs${portkey ? `; Portkey ${signed((ttfbPortkey - ttfbDirect) / 1_000, 2)} ms, ${fixed(portkeyPerChunk, 1)} µs/chunk` : '; Portkey not installed'}`,
        meets: (ttfbRelay - ttfbDirect) / 1_000 <= 0.5 && (portkey ? perChunk <= portkeyPerChunk : true),
      },
      {
        id: 'B7',
        scenario: 'boot, spawn → /ready 200, observability on',
        goal: '≤ 800 ms',
        measured: `sample-app ${fixed(sample.bootMs)} ms, llm-app ${fixed(llm.bootMs)} ms`,
        baseline: `bare Fastify → /health ${fixed(bare.bootMs)} ms`,
        meets: Math.max(sample.bootMs, llm.bootMs) <= 800,
      },
      {
        id: 'B8',
        scenario: `RSS idle / after ${SOAK_SECONDS} s mixed load; growth in the second half`,
        goal: '≤ 120 MB idle, ≤ 200 MB loaded, no growth',
        measured: `sample-app ${fixed(idle.sample)} / ${fixed(loaded.sample)} MB (${fixed(growth(halfway.sample, loaded.sample), 1)} %); llm-app ${fixed(idle.llm)} / ${fixed(loaded.llm)} MB (${fixed(growth(halfway.llm, loaded.llm), 1)} %)`,
        baseline: `bare Fastify ${fixed(rssMb(bare.pid))} MB; ${soakFailures} of ${soakRequests} soak requests failed`,
        meets:
          Math.max(idle.sample, idle.llm) <= 120 &&
          Math.max(loaded.sample, loaded.llm) <= 200 &&
          (QUICK
            ? undefined
            : Math.max(growth(halfway.sample, loaded.sample), growth(halfway.llm, loaded.llm)) <= 5) !== false,
      },
      {
        id: 'B9',
        scenario: 'npm run synth, both environments',
        goal: '≤ 3 s',
        measured: `${fixed(synth, 2)} s`,
        baseline: '',
        meets: synth <= 3,
      },
      {
        id: 'B10',
        scenario: 'runtime image contents (dist + production node_modules)',
        goal: '≤ 150 MB',
        measured: `${fixed(image.totalMb)} MB${image.typescript ? ' (carries typescript)' : ''}`,
        baseline: '',
        meets: image.totalMb <= 150,
      },
    ];
    printTable(rows);
    const ladders = buildLadders({
      cpu,
      cpuRange: (name) => {
        const values = (results.get(name) ?? []).map((r) => r.cpuMicrosPerRequest);
        return [Math.min(...values), Math.max(...values)];
      },
      rps,
      latencyMicros: (name) => latencies[name] ?? NaN,
      bootMs: (name) => footprint[name]?.bootMs ?? NaN,
      idleMb: (name) => idleFootprint[name] ?? NaN,
      loadedMb: (name) => loadedFootprint[name] ?? NaN,
      streamChunks: STREAM_CHUNKS,
    });
    for (const ladder of ladders) printLadder(ladder);
    const largest = image.parts.slice(0, IMAGE_PARTS_SHOWN);
    const rest = image.parts.slice(IMAGE_PARTS_SHOWN);
    console.log(`\nB10 by package: the ${IMAGE_PARTS_SHOWN} largest of ${image.parts.length} parts, MB\n`);
    console.log('| part | MB | share |\n| --- | --- | --- |');
    for (const part of [...largest, { name: `the other ${rest.length}`, mb: rest.reduce((sum, p) => sum + p.mb, 0) }])
      console.log(`| ${part.name} | ${fixed(part.mb, 1)} | ${fixed((part.mb / image.totalMb) * 100, 1)} % |`);
    const directory = join(ROOT, '.cache', 'bench');
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, 'results.json'),
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, quick: QUICK, rounds: ROUNDS, seconds: SECONDS, rows, ladders, image: image.parts, cases: Object.fromEntries(results) }, null, 2)}\n`,
    );
    console.log(
      `\nResults: ${join('.cache', 'bench', 'results.json')}${QUICK ? ' (quick mode: figures are not comparable)' : ''}`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
