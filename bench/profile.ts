// `tsx bench/profile.ts <case…>`: one or a few of `npm run bench`'s cases, interleaved with the bare
// Fastify baseline, and optionally under `node --cpu-prof` (PROFILE_DIR=dir) for the summary printed
// by bench/cpuprofile-summary.mjs. For working on one lever at a time; the full table stays
// `npm run bench`. Cases: info, traced, item, insert, chat, stream. Needs the built apps,
// DATABASE_URL and REDIS_URL. Rounds and seconds: BENCH_ROUNDS (3), BENCH_SECONDS (5).
// PROFILE_BEFORE=<checkout with its own build> runs that build's apps beside this one's, interleaved
// in the same run (`….before` cases), for a before/after comparison on a busy machine.
// This build's llm-app runs with its registry's Node flags (apps/registry.ts, `nodeOptions`), the
// before build's without (PROFILE_BEFORE_NODE_OPTIONS to give it some). The case `soak` drives the
// relay on every llm-app at once for BENCH_SOAK_SECONDS (120) and prints RSS at each half's end.
// PROFILE_VARIANTS='off:METRICS_ENABLED=false,OTEL_SDK_DISABLED=true,LOG_LEVEL=silent;notrace:OTEL_SDK_DISABLED=true'
// starts one more sample-app per variant (this build, production settings with those overrides) and
// runs its `info`/`item`/`insert` cases beside production's (`item.off`, …): one layer's cost, same run.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { LLM_APP_ENTRY, SAMPLE_APP_ENTRY } from '../apps/registry';
import { signUp } from '../test/support/accounts';
import { type LoadResult, saturate, type Target } from './load';
import { startBenchSession } from './bench-session';
import { cpuMicros, pinSelfToLoadCore, rssMb } from './process-stats';
import { fixed, median } from './rows';
import { type Server, startServer } from './server-process';

const ROOT = resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROFILE_DIR = process.env.PROFILE_DIR;
const BEFORE = process.env.PROFILE_BEFORE;
const BEFORE_NODE_OPTIONS = (process.env.PROFILE_BEFORE_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 120);
const VARIANTS = (process.env.PROFILE_VARIANTS ?? '')
  .split(';')
  .filter(Boolean)
  .map((variant) => {
    const [name = '', overrides = ''] = variant.split(':');
    return {
      name,
      env: Object.fromEntries(
        overrides
          .split(',')
          .filter(Boolean)
          // Split at the first '=' only: a value may hold one (NODE_OPTIONS=--max-semi-space-size=16).
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      ),
    };
  });
const sampleApp = (root: string) => join(root, 'dist/apps/sample-app/apps/sample-app/src/main.js');
const llmApp = (root: string) => join(root, 'dist/apps/llm-app/apps/llm-app/src/main.js');
const CHAT_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Say something short.' }],
});
const STREAM_CHUNKS = 100;
const STREAM_BODY = JSON.stringify({ model: 'bench-model', stream: true, messages: [{ role: 'user', content: 'S.' }] });
/** The apps' own switches for their observability, as bench/run.ts's "observability off" rungs set them. */
const OBSERVABILITY_OFF = { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true', LOG_LEVEL: 'silent' };

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['info']);
  pinSelfToLoadCore();
  const session = await startBenchSession();
  const { runId, redisUrl, isolatedDatabaseUrl, production } = session;
  const profiled = (name: string) =>
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const servers: Server[] = [];
  const start = async (...args: Parameters<typeof startServer>): Promise<Server> => {
    const server = await startServer(...args);
    servers.push(server);
    return server;
  };
  try {
    const cases: { name: string; server: Server; target: Target; connections: number }[] = [];
    let bareServer: Server | undefined;
    let upstreamServer: Server | undefined;
    let relayServer: Server | undefined;
    const soaked: { name: string; server: Server; target: Target }[] = [];
    for (const [suffix, root] of [['', ROOT], ...(BEFORE ? [['.before', BEFORE]] : [])] as [string, string][]) {
      const named = (name: string) => `${name}${suffix}`;
      const cpuProf = (name: string) => profiled(named(name));
      // This build's apps run with their registry flags; the before build with PROFILE_BEFORE_NODE_OPTIONS.
      const appArgs = (entry: { readonly nodeOptions: readonly string[] }, name: string) => [
        ...(suffix ? BEFORE_NODE_OPTIONS : entry.nodeOptions),
        ...cpuProf(name),
      ];
      const needsSample = ['info', 'item', 'insert'].some((name) => wanted.has(name));
      const sample = needsSample
        ? await start(sampleApp(root), production, {
            readyPath: '/ready',
            nodeArgs: appArgs(SAMPLE_APP_ENTRY, 'sample-app'),
          })
        : undefined;
      const variants =
        needsSample && !suffix
          ? await Promise.all(
              VARIANTS.map(async (variant) => ({
                name: variant.name,
                server: await start(
                  sampleApp(root),
                  { ...production, ...variant.env },
                  {
                    readyPath: '/ready',
                    nodeArgs: cpuProf(`sample-app.${variant.name}`),
                  },
                ),
              })),
            )
          : [];
      const traced = wanted.has('traced')
        ? await start(
            sampleApp(root),
            { ...production, TRACING_SAMPLE_RATIO: '1' },
            {
              readyPath: '/ready',
              nodeArgs: appArgs(SAMPLE_APP_ENTRY, 'traced'),
            },
          )
        : undefined;
      // The baseline verifies the JWTs of this build's sample-app (its JWKS), as `npm run bench` does.
      bareServer ??= await start(join(__dirname, 'bare-fastify.mjs'), {
        BENCH_JWKS_URL: sample ? `${sample.baseUrl}/.well-known/jwks.json` : undefined,
        BENCH_REDIS_URL: redisUrl,
        BENCH_DATABASE_URL: isolatedDatabaseUrl,
      });
      const bare = bareServer;
      const key = `bench-${runId}`;
      const llmHeaders = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const needsOn = wanted.has('chat') || wanted.has('stream') || wanted.has('soak');
      const needsOff = wanted.has('chat-off') || wanted.has('stream-off');
      // One upstream for both builds, so their relays are measured against the same server.
      upstreamServer ??=
        needsOn || needsOff
          ? await start(join(__dirname, 'fake-llm-upstream.mjs'), { BENCH_STREAM_CHUNKS: String(STREAM_CHUNKS) })
          : undefined;
      const upstream = upstreamServer;
      const keySha256 = createHash('sha256').update(key).digest('hex');
      const startLlm = async (name: string, env: Readonly<Record<string, string>>) =>
        upstream &&
        (await start(
          llmApp(root),
          {
            ...production,
            ...env,
            LLM_API_KEY_SHA256: keySha256,
            LLM_UPSTREAM_BASE_URL: `${upstream.baseUrl}/v1`,
            LLM_UPSTREAM_MODELS: 'bench-model',
            LLM_DEFAULT_MODEL: 'bench-model',
          },
          {
            readyPath: '/ready',
            nodeArgs: appArgs(LLM_APP_ENTRY, name),
          },
        ));
      const llm = needsOn ? await startLlm('llm-app', {}) : undefined;
      const llmOff = needsOff ? await startLlm('llm-off', OBSERVABILITY_OFF) : undefined;
      relayServer ??=
        upstream && wanted.has('relay')
          ? await start(join(__dirname, 'bare-relay.mjs'), {
              BENCH_RELAY: 'undici',
              BENCH_UPSTREAM_URL: `${upstream.baseUrl}/v1`,
              BENCH_KEY_SHA256: keySha256,
            })
          : undefined;
      for (const server of [sample, traced, llm, llmOff])
        if (server)
          console.log(
            `${suffix || 'this build'}: boot ${fixed(server.bootMs)} ms (${fixed(cpuMicros(server.pid) / 1_000)} ms of CPU: less sensitive to a busy machine), idle RSS ${fixed(rssMb(server.pid))} MB`,
          );
      if (sample && wanted.has('info')) {
        if (!suffix)
          cases.push({ name: 'info.bare', server: bare, target: { url: `${bare.baseUrl}/info` }, connections: 32 });
        cases.push({
          name: named('info.production'),
          server: sample,
          target: { url: `${sample.baseUrl}/info` },
          connections: 32,
        });
        for (const variant of variants)
          cases.push({
            name: `info.${variant.name}`,
            server: variant.server,
            target: { url: `${variant.server.baseUrl}/info` },
            connections: 32,
          });
      }
      if (traced)
        cases.push({
          name: named('info.traced'),
          server: traced,
          target: { url: `${traced.baseUrl}/info` },
          connections: 32,
        });
      if (sample && (wanted.has('item') || wanted.has('insert'))) {
        const { accessToken } = await signUp(sample.baseUrl, 'bench');
        const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
        const body = JSON.stringify({ name: 'Telescope', description: 'A 200 mm reflector.' });
        const created = await fetch(`${sample.baseUrl}/api/v1/items`, { method: 'POST', headers, body });
        const { id } = (await created.json()) as { id: string };
        if (wanted.has('item')) {
          if (!suffix)
            cases.push({
              name: 'item.bare',
              server: bare,
              target: { url: `${bare.baseUrl}/api/v1/items/bench`, headers },
              connections: 32,
            });
          cases.push({
            name: named('item.production'),
            server: sample,
            target: { url: `${sample.baseUrl}/api/v1/items/${id}`, headers },
            connections: 32,
          });
          // Every variant shares the run's schema and key prefix, so it finds the same cached item.
          for (const variant of variants)
            cases.push({
              name: `item.${variant.name}`,
              server: variant.server,
              target: { url: `${variant.server.baseUrl}/api/v1/items/${id}`, headers },
              connections: 32,
            });
        }
        if (wanted.has('insert')) {
          if (!suffix)
            cases.push({
              name: 'insert.bare',
              server: bare,
              target: { url: `${bare.baseUrl}/api/v1/items`, method: 'POST', headers, body },
              connections: 32,
            });
          cases.push({
            name: named('insert.production'),
            server: sample,
            target: { url: `${sample.baseUrl}/api/v1/items`, method: 'POST', headers, body },
            connections: 32,
          });
          for (const variant of variants)
            cases.push({
              name: `insert.${variant.name}`,
              server: variant.server,
              target: { url: `${variant.server.baseUrl}/api/v1/items`, method: 'POST', headers, body },
              connections: 32,
            });
        }
      }
      if (upstream) {
        const chat = (server: Server, body: string): Target => ({
          url: `${server.baseUrl}/v1/chat/completions`,
          method: 'POST',
          headers: llmHeaders,
          body,
        });
        const relay = suffix ? undefined : relayServer;
        if (!suffix && (wanted.has('chat') || wanted.has('chat-off')))
          cases.push({ name: 'chat.direct', server: upstream, target: chat(upstream, CHAT_BODY), connections: 50 });
        if (relay && (wanted.has('chat') || wanted.has('chat-off')))
          cases.push({ name: 'chat.relay-undici', server: relay, target: chat(relay, CHAT_BODY), connections: 50 });
        if (relay && (wanted.has('stream') || wanted.has('stream-off')))
          cases.push({ name: 'stream.relay-undici', server: relay, target: chat(relay, STREAM_BODY), connections: 8 });
        if (llmOff && wanted.has('chat-off'))
          cases.push({ name: named('chat.llm-off'), server: llmOff, target: chat(llmOff, CHAT_BODY), connections: 50 });
        if (llmOff && wanted.has('stream-off'))
          cases.push({
            name: named('stream.llm-off'),
            server: llmOff,
            target: chat(llmOff, STREAM_BODY),
            connections: 8,
          });
        if (llm && wanted.has('chat'))
          cases.push({ name: named('chat.llm-app'), server: llm, target: chat(llm, CHAT_BODY), connections: 50 });
        if (llm && wanted.has('stream'))
          cases.push({ name: named('stream.llm-app'), server: llm, target: chat(llm, STREAM_BODY), connections: 8 });
        if (llm && wanted.has('soak'))
          soaked.push({ name: named('llm-app'), server: llm, target: chat(llm, CHAT_BODY) });
      }
    }
    for (const c of cases) await saturate(c.target, c.server.pid, 2, c.connections);
    const results = new Map<string, LoadResult[]>();
    for (let round = 0; round < ROUNDS; round += 1)
      for (const c of cases)
        results.set(c.name, [
          ...(results.get(c.name) ?? []),
          await saturate(c.target, c.server.pid, SECONDS, c.connections),
        ]);
    for (const c of cases) {
      const runs = results.get(c.name) ?? [];
      const cpu = runs.map((r) => r.cpuMicrosPerRequest);
      // A stream's figure per chunk too (the upstream's 100), as B6 reads it.
      const perChunk = c.name.startsWith('stream.') ? `  ${fixed(median(cpu) / STREAM_CHUNKS, 1)} µs/chunk` : '';
      console.log(
        `${c.name.padEnd(22)} ${fixed(median(cpu)).padStart(6)} µs/req (${fixed(Math.min(...cpu))}-${fixed(Math.max(...cpu))})${perChunk}  ${fixed(median(runs.map((r) => r.requestsPerSecond))).padStart(6)} req/s  RSS ${fixed(rssMb(c.server.pid))} MB`,
      );
    }
    if (soaked.length > 0) {
      const rss = () => soaked.map((s) => `${s.name} ${fixed(rssMb(s.server.pid))} MB`).join(', ');
      console.log(`soak: RSS before ${rss()}`);
      for (const half of ['first', 'second']) {
        await Promise.all(
          soaked.map((s) => saturate(s.target, s.server.pid, SOAK_SECONDS / 2, 16, { tolerateFailures: true })),
        );
        console.log(`soak: RSS after the ${half} half ${rss()}`);
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
