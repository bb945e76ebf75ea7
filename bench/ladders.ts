// The layer ladders of `npm run bench`: for each row that misses its goal, the same request
// measured on a stack of servers that adds one layer at a time (bare Fastify, the project's
// libraries on bare Fastify doing the project's work, NestJS alone, the app with observability
// off, the app in production), all in the same interleaved run, so the table says where each
// µs goes. Each rung carries why it cannot go lower with the library that layer is built on.
import { fixed, signed } from './rows';

export interface Rung {
  readonly layer: string;
  /** The rung's figure, in the ladder's unit (NaN when this run did not measure it). */
  readonly value: number;
  /** The rounds' lowest-highest of the figure, shown beside the median. */
  readonly range?: string;
  /** A second figure for the same rung (req/s, latency), shown as it is. */
  readonly detail?: string;
  readonly why: string;
  /** The rung this one's step is measured from, by index. @default the rung above */
  readonly stepFrom?: number;
}

export interface Ladder {
  readonly rows: string;
  readonly title: string;
  readonly unit: 'µs/req' | 'µs/chunk' | 'ms' | 'MB';
  readonly detailHeading?: string;
  readonly rungs: readonly Rung[];
  /** Sentences printed under the table (a sum the rungs make, say). */
  readonly notes?: readonly string[];
}

/** What the ladders read from one run. Case names are run.ts's; server names are the ones it boots. */
export interface Measured {
  cpu(caseName: string): number;
  /** The lowest and highest of the rounds behind cpu(): on a shared machine, the noise to read a step against. */
  cpuRange(caseName: string): readonly [number, number];
  rps(caseName: string): number;
  /** Mean latency at one connection, µs (`latency`), or a stream's time to first byte. */
  latencyMicros(name: string): number;
  bootMs(server: string): number;
  idleMb(server: string): number;
  loadedMb(server: string): number;
  readonly streamChunks: number;
}

const reqs = (m: Measured, name: string): string => `${fixed(m.rps(name))} req/s`;

const WHY = {
  bare: "Node's HTTP parser and response writing, Fastify's router and its compiled JSON serializer: the floor of any Fastify app, with nothing of the project in it.",
  ids: 'One `crypto.randomUUID()` per request (libs/logging `generateRequestId`), the route template stored on the request, one `X-Request-Id` header through `setHeader`, which validates name and value: the id every log line and the response carry.',
  log: "One JSON line per request: pino's `mixin` (request id from AsyncLocalStorage, trace fields), the line object serialized (pino's string building and `JSON.stringify` of nested fields) and handed to sonic-boom's asynchronous write, plus `AsyncLocalStorage.run` to bind the id. The child logger is prebuilt without redaction (decision 0110): serializing the line is what is left, and the signal needs the line.",
  metrics:
    "prom-client per request: the label-set key of a histogram and of a counter (built from the label values each `observe`/`inc`), 15 bucket counters of the histogram and the in-flight gauge up and down. That is the RED metrics' content; fewer buckets or labels drop signal, and prom-client has no pre-bound child that skips the key (`labels()` builds it too).",
  helmet:
    "helmet's middleware, built once (libs/http), writes its 13 response headers per request, each a `setHeader` that Node validates; Fastify then merges them into the head it writes. The floor is the headers themselves.",
  otel10:
    '@fastify/otel runs for every request, sampled or not: the parent-based ratio sampler, a span object (non-recording for 90 %), a context bound through AsyncLocalStorage around the handler, the trace fields read by the log line and the exemplar; for the 10 % sampled, a recorded span with its attributes queued in the batch processor and serialized to OTLP JSON. The per-request floor is the SDK’s context and span machinery, which `instrumentHooks: false` (decision 0111) already trimmed to one span per request.',
  otel100:
    "Every request a recorded span: attributes set, ended, queued in the batch processor, serialized to OTLP/HTTP JSON and POSTed by the exporter. This scales with spans, not with code the project owns: the export's cost is the SDK's serializer and Node's HTTP client.",
  nest: "NestJS on Fastify with one controller and no enhancers: Nest's router proxy and execution context per request, the lookups of guards, pipes, interceptors and filters (none registered), the parameter factories, the result checked for a Promise or an Observable, then Fastify's send. This is `@nestjs/core`'s per-request pipeline alone.",
  appOff:
    "sample-app with METRICS_ENABLED=false, OTEL_SDK_DISABLED=true, LOG_LEVEL=silent (its real config): Nest's pipeline with the project's global enhancers (the authentication and rate-limit guards, reading the route's metadata through the Reflector, the validation pipe, the problem-details filter), the request id and helmet hooks, the JSON body parser, and the logging hooks that stay registered at `silent`. This rung less the bare Nest one is the project's own per-request code, the one layer whose floor is not a library's.",
  appProduction:
    "The production stack (request lines, RED metrics, 10 % traces exported). The step from the rung above is the three observability layers as the app wires them; set beside the ladder's log, metrics and otel rungs, what exceeds their sum is the Nest wiring of those libraries, not the libraries.",
  appTraced:
    'Every request traced, as B2: the step from production is the sampled span’s recording and export (the otel 100 % rung’s cost, again).',
  itemBare:
    "The work itself on bare Fastify: jose's RS256 verification (one RSA public-key operation in OpenSSL, the bulk of it), one `EVAL` round trip for the fixed-window limit and one `GET` with ioredis (each a RESP encode, a socket write and a parse). No framework can do it for less with these libraries.",
  itemNest:
    "The same work in one Nest handler with three parameter decorators: the step is Nest's pipeline, as in B1's bare Nest rung, plus the parameter factories.",
  itemOff:
    "sample-app's read without observability: the authentication guard (the Reflector lookups, the failed-authentication limit, which asks Redis only about addresses that failed here (decision 0151), then jose), the rate-limit guard (its Redis script and the `RateLimit-*` headers), `ParseUUIDPipe` and the global validation pipe, the cache service's Redis `GET` and `JSON.parse`, the problem-details and response hooks. The step from bare Nest is the project's own code: the same round trips as the bare rungs, so what remains is enhancers and per-request objects, each a few percent in the profile.",
  itemProduction:
    'The same with the production stack: the step is the observability layers (the request line, the RED metrics and a cache-operation count per Redis call, @fastify/otel’s request span) plus, for the 10 % sampled, one ioredis client span per command, recorded and exported. Unsampled requests’ commands skip the ioredis instrumentation (decision 0145).',
  insertBare:
    'The work itself on bare Fastify: the same JWT and rate limit, one `INSERT … RETURNING` through pg (the extended-protocol messages encoded, the round trip, the row parsed).',
  insertNest: "The same work in one Nest handler: the step is Nest's pipeline and the `@Body()` parameter factory.",
  insertOff:
    "sample-app's insert without observability: the same guards, class-transformer and class-validator on the body DTO (the global validation pipe), the idempotency interceptor (no key sent: it passes), a UUIDv7 and the entity built, and TypeORM's `insert` (the InsertQueryBuilder: entity metadata walked, the SQL and parameters built per call, the generated columns read back into the entity). TypeORM's per-call query building is the bulk of the step from bare Nest, and it is per call by design: the library has no prepared insert to reuse.",
  insertProduction:
    'The same with the production stack: the step is the observability layers plus, for the 10 % sampled, the pg instrumentation’s `pg-pool.connect` and query spans and the ioredis spans, recorded and exported. Unsampled requests’ queries and commands skip both instrumentations (decision 0145).',
  upstream:
    "The bench's upstream alone (bench/fake-llm-upstream.mjs): Node's HTTP server receiving the POST and writing a fixed body. Its own CPU, not a gateway's: a relay serves its client the same way, so it pays at least this, plus an HTTP client request, plus the JSON both ways.",
  relayHttp:
    "Fastify relaying with node:http on a keep-alive agent (bench/bare-relay.mjs): the API key's SHA-256 and constant-time compare, the body parsed and re-serialized, one client request, the answer parsed and sent. Roughly the upstream's server cost twice (one request served, one made) plus the JSON: the floor of a relay in Node that reads what it relays.",
  relayFetch:
    "The same relay with Node's global `fetch` (its bundled undici behind WHATWG Request, Response, Headers and a web stream per call): the step from node:http is fetch's spec machinery, which llm-app's relay paid before decision 0125.",
  relayUndici:
    "The same relay with the `undici` package's `Pool.request`, llm-app's client (decision 0125): no WHATWG objects, the body a Node stream; its step from node:http is undici's own dispatcher and parser in JavaScript (llhttp in WebAssembly), the floor of the client the project is built on.",
  llmOff:
    "llm-app with METRICS_ENABLED=false, OTEL_SDK_DISABLED=true, LOG_LEVEL=silent: Nest's pipeline, the API-key guard and rate limit, the body validated by a zod pipe, the provider's deadline, retries and circuit breaker, the upstream answer parsed and checked by hand (readCompletion), budgets' usage accounting, and the upstream's own text sent with its model rewritten in place (decision 0140), on an undici Pool. Its step from the undici relay is the project's own relay code, the one layer here whose floor is not a library's.",
  llmProduction:
    'The production stack: request and completion log lines, request and token metrics, 10 % traces with the undici client span. The step from the rung above is observability as llm-app wires it.',
  streamUpstream:
    "The upstream writing the whole stream (100 chunks) in one write, per chunk: Node's HTTP server cost spread over the chunks.",
  streamHttp:
    'The node:http relay streaming: each upstream read split into SSE events, every `data:` payload parsed and re-serialized and written on as it arrives (one write per chunk to the client, where the upstream made one for the whole stream).',
  streamUndici: "The same over undici's `Pool.request`, its body a Node stream: the client llm-app streams with.",
  streamFetch:
    "The same over `fetch`'s web stream and a TextDecoderStream: each read passes through the WHATWG streams machinery.",
  streamOff:
    "llm-app's streamed relay without observability: the SSE parser, each chunk's `JSON.parse` and its fields checked by hand (readChunk) for the stream's accounting, the chunk's own text relayed with its model rewritten in place (decision 0140), the events ready together written together, through the raw reply.",
  streamProduction:
    'The production stack: per chunk, the step is tracing (the client span stays open across the stream) and the metrics and logs at the end of the stream, spread over its chunks.',
  bootFastify: 'Node starting and loading Fastify: the floor for a Fastify process.',
  rssFastify: "A Node process with Fastify loaded: V8's heap and the runtime's code; the floor for any server in Node.",
  rssFastifyLibs:
    "The observability libraries' code and state: the OpenTelemetry SDK's modules (semantic conventions, the OTLP transformer), pino, prom-client's registry and default collectors, helmet; under load, the span batch queue and the metric series.",
  rssNest:
    "`@nestjs/core`'s modules and its container, plus ioredis, pg and jose for the same work; under load, their buffers and pools.",
  rssApp:
    "Every module the app loads and keeps (@nestjs/swagger's metadata on every DTO, class-validator, TypeORM with its entity metadata and query builders), the in-memory cache, the pools; under load, the heap V8 grows before collecting.",
  rssRelayHttp:
    "Fastify and node:http's client with a keep-alive agent: the relay's floor in memory, its sockets' buffers under load.",
  rssRelayFetch:
    "The same relay on `fetch`: Node's bundled undici and the WHATWG streams loaded on first use; under load, undici's per-request objects and body streams waiting for the garbage collector.",
  rssRelayUndici:
    "The same relay on the `undici` package's Pool, llm-app's client: undici's dispatcher and WebAssembly parser; under load, its per-request objects.",
  rssAppFull:
    'The same with the OpenTelemetry SDK, its instrumentations and the span batch queue, pino and the metric series.',
  bootFastifyLibs:
    'The same with the observability libraries loaded and started (pino, prom-client with its default collectors, helmet, the OpenTelemetry SDK and @fastify/otel): what loading those modules costs, without NestJS.',
  bootNest:
    "NestJS on Fastify with one module and one controller, connected to Redis and PostgreSQL: `@nestjs/core`'s modules, the DI scan and route registration.",
  bootAppOff:
    "The app without observability: every module it loads (@nestjs/swagger's decorators on every DTO, class-validator, TypeORM and its entity metadata, ioredis, jose), the migrations check and the first connections. Loading modules dominates (decision 0113 moved what could be lazy).",
  bootAppFull:
    'The app in production: plus the OpenTelemetry SDK and its instrumentations hooking `require` for every module loaded after them.',
} as const;

/** The ladders of rows B1-B8, from one run's figures. */
export function buildLadders(m: Measured): Ladder[] {
  const range = (name: string, scale = 1, places = 0): string =>
    m
      .cpuRange(name)
      .map((value) => fixed(value / scale, places))
      .join('-');
  const cpuRung = (layer: string, name: string, why: string): Rung => ({
    layer,
    value: m.cpu(name),
    range: range(name),
    detail: reqs(m, name),
    why,
  });
  const latency = (name: string): string => `${fixed(m.latencyMicros(name))} µs`;
  const chunk = (layer: string, name: string, why: string): Rung => ({
    layer,
    value: m.cpu(name) / m.streamChunks,
    range: range(name, m.streamChunks, 1),
    detail: `TTFB ${latency(name)}`,
    why,
  });
  return [
    {
      rows: 'B1/B2',
      title: '`GET /info`',
      unit: 'µs/req',
      detailHeading: 'req/s',
      rungs: [
        cpuRung('bare Fastify', 'info.bare', WHY.bare),
        cpuRung('+ request id, route template, `X-Request-Id`', 'info.ids', WHY.ids),
        cpuRung('+ pino request line (libs/logging)', 'info.log', WHY.log),
        cpuRung('+ prom-client RED metrics (libs/metrics)', 'info.metrics', WHY.metrics),
        cpuRung('+ helmet headers (libs/http)', 'info.helmet', WHY.helmet),
        cpuRung('+ @fastify/otel, 10 % sampled (libs/tracing)', 'info.otel10', WHY.otel10),
        cpuRung('same, 100 % sampled', 'info.otel100', WHY.otel100),
        { ...cpuRung('NestJS on Fastify, no project libs', 'info.nest', WHY.nest), stepFrom: 0 },
        cpuRung('sample-app, observability off', 'info.off', WHY.appOff),
        cpuRung('sample-app, production (B1)', 'info.production', WHY.appProduction),
        cpuRung('sample-app, every request traced (B2)', 'info.traced', WHY.appTraced),
      ],
      notes: [
        `Observability on bare Fastify (the log, metrics and otel 10 % steps): ${fixed(m.cpu('info.metrics') - m.cpu('info.ids') + m.cpu('info.otel10') - m.cpu('info.helmet'))} µs/req; in sample-app (production less observability off): ${fixed(m.cpu('info.production') - m.cpu('info.off'))} µs/req.`,
        `B1's floor with these libraries, bare Fastify carrying all of them (the otel 10 % rung): ${fixed(m.cpu('info.bare') / m.cpu('info.otel10'), 2)}× of bare Fastify; with NestJS's own pipeline added (the bare Nest step): ${fixed(m.cpu('info.bare') / (m.cpu('info.otel10') + m.cpu('info.nest') - m.cpu('info.bare')), 2)}×.`,
      ],
    },
    {
      rows: 'B3',
      title: '`GET /api/v1/items/:id` (JWT, Redis limit, Redis cache hit)',
      unit: 'µs/req',
      detailHeading: 'req/s',
      rungs: [
        cpuRung('bare Fastify, same work', 'item.bare', WHY.itemBare),
        cpuRung('NestJS on Fastify, same work', 'item.nest', WHY.itemNest),
        cpuRung('sample-app, observability off', 'item.off', WHY.itemOff),
        cpuRung('sample-app, production (B3)', 'item.production', WHY.itemProduction),
      ],
      notes: [
        `B3's floor in NestJS doing the same work (the bare Nest rung): ${fixed(m.cpu('item.bare') / m.cpu('item.nest'), 2)}× of bare Fastify; sample-app with observability off: ${fixed(m.cpu('item.bare') / m.cpu('item.off'), 2)}×.`,
      ],
    },
    {
      rows: 'B4',
      title: '`POST /api/v1/items` on PostgreSQL',
      unit: 'µs/req',
      detailHeading: 'req/s',
      rungs: [
        cpuRung('bare Fastify, same insert', 'insert.bare', WHY.insertBare),
        cpuRung('NestJS on Fastify, same insert', 'insert.nest', WHY.insertNest),
        cpuRung('sample-app, observability off', 'insert.off', WHY.insertOff),
        cpuRung('sample-app, production (B4)', 'insert.production', WHY.insertProduction),
      ],
      notes: [
        `B4's floor in NestJS doing the same insert: ${fixed(m.cpu('insert.bare') / m.cpu('insert.nest'), 2)}× of bare Fastify; sample-app with observability off: ${fixed(m.cpu('insert.bare') / m.cpu('insert.off'), 2)}×.`,
      ],
    },
    {
      rows: 'B5',
      title: 'llm relay, non-streamed (gateway CPU; mean latency at 1 connection)',
      unit: 'µs/req',
      detailHeading: 'req/s; latency',
      rungs: [
        {
          ...cpuRung('upstream alone', 'chat.direct', WHY.upstream),
          detail: `${reqs(m, 'chat.direct')}; ${latency('chat.direct')}`,
        },
        {
          ...cpuRung('bare Fastify relay, node:http', 'chat.relay-http', WHY.relayHttp),
          detail: `${reqs(m, 'chat.relay-http')}; ${latency('chat.relay-http')}`,
        },
        {
          ...cpuRung('bare Fastify relay, `fetch`', 'chat.relay-fetch', WHY.relayFetch),
          detail: `${reqs(m, 'chat.relay-fetch')}; ${latency('chat.relay-fetch')}`,
        },
        {
          ...cpuRung('bare Fastify relay, undici `Pool`', 'chat.relay-undici', WHY.relayUndici),
          detail: `${reqs(m, 'chat.relay-undici')}; ${latency('chat.relay-undici')}`,
          stepFrom: 1,
        },
        {
          ...cpuRung('llm-app, observability off', 'chat.llm-off', WHY.llmOff),
          detail: `${reqs(m, 'chat.llm-off')}; ${latency('chat.llm-off')}`,
          stepFrom: 3,
        },
        {
          ...cpuRung('llm-app, production (B5)', 'chat.llm-app', WHY.llmProduction),
          detail: `${reqs(m, 'chat.llm-app')}; ${latency('chat.llm-app')}`,
        },
      ],
      notes: [
        `B5a's floor with Node's clients (goal ≤ 150 µs): ${fixed(m.cpu('chat.relay-http'))} µs/req on node:http, ${fixed(m.cpu('chat.relay-undici'))} on undici, ${fixed(m.cpu('chat.relay-fetch'))} on fetch; added latency at 1 connection over the upstream alone: ${['relay-http', 'relay-undici', 'relay-fetch'].map((name) => `${signed((m.latencyMicros(`chat.${name}`) - m.latencyMicros('chat.direct')) / 1_000, 2)} ms`).join(', ')} (goal ≤ +0.3 ms).`,
      ],
    },
    {
      rows: 'B6',
      title: `llm relay, streamed (${m.streamChunks} chunks): CPU per chunk; time to first byte`,
      unit: 'µs/chunk',
      detailHeading: 'TTFB',
      rungs: [
        chunk('upstream alone', 'stream.direct', WHY.streamUpstream),
        chunk('bare Fastify relay, node:http', 'stream.relay-http', WHY.streamHttp),
        chunk('bare Fastify relay, `fetch`', 'stream.relay-fetch', WHY.streamFetch),
        { ...chunk('bare Fastify relay, undici `Pool`', 'stream.relay-undici', WHY.streamUndici), stepFrom: 1 },
        { ...chunk('llm-app, observability off', 'stream.llm-off', WHY.streamOff), stepFrom: 3 },
        chunk('llm-app, production (B6)', 'stream.llm-app', WHY.streamProduction),
      ],
    },
    {
      rows: 'B7',
      title: 'boot, spawn → readiness 200 (wall time on the shared machine)',
      unit: 'ms',
      rungs: [
        { layer: 'bare Fastify', value: m.bootMs('fastify'), why: WHY.bootFastify },
        { layer: 'bare Fastify + the observability libs', value: m.bootMs('fastify-libs'), why: WHY.bootFastifyLibs },
        { layer: 'NestJS on Fastify, no project libs', value: m.bootMs('nest'), why: WHY.bootNest, stepFrom: 0 },
        { layer: 'sample-app, observability off', value: m.bootMs('sample-off'), why: WHY.bootAppOff },
        { layer: 'sample-app, production (B7)', value: m.bootMs('sample'), why: WHY.bootAppFull },
        { layer: 'llm-app, observability off', value: m.bootMs('llm-off'), why: WHY.bootAppOff, stepFrom: 2 },
        { layer: 'llm-app, production (B7)', value: m.bootMs('llm'), why: WHY.bootAppFull },
      ],
    },
    {
      rows: 'B8',
      title: 'RSS idle after boot; after the interleaved rounds',
      unit: 'MB',
      detailHeading: 'after the rounds',
      rungs: (
        [
          ['bare Fastify', 'fastify', WHY.rssFastify],
          ['bare Fastify + the observability libs', 'fastify-libs', WHY.rssFastifyLibs, 0],
          ['NestJS on Fastify, no project libs, same work', 'nest', WHY.rssNest, 0],
          ['sample-app, observability off', 'sample-off', WHY.rssApp],
          ['sample-app, production (B8)', 'sample', WHY.rssAppFull],
          ['bare Fastify relay, node:http', 'relay-http', WHY.rssRelayHttp, 0],
          ['bare Fastify relay, `fetch`', 'relay-fetch', WHY.rssRelayFetch],
          ['bare Fastify relay, undici `Pool`', 'relay-undici', WHY.rssRelayUndici, 5],
          ['llm-app, observability off', 'llm-off', WHY.rssApp, 7],
          ['llm-app, production (B8)', 'llm', WHY.rssAppFull],
        ] as const
      ).map(([layer, server, why, stepFrom]: readonly [string, string, string, number?]): Rung => ({
        layer,
        value: m.idleMb(server),
        detail: `${fixed(m.loadedMb(server))} MB`,
        why,
        ...(stepFrom === undefined ? {} : { stepFrom }),
      })),
    },
  ];
}

const digits = (unit: Ladder['unit']): number => (unit === 'µs/chunk' ? 1 : 0);

/** A ladder as a markdown table: each rung's median (the rounds' range beside it), its step, and why. */
export function printLadder(ladder: Ladder): void {
  const places = digits(ladder.unit);
  const detail = ladder.detailHeading !== undefined;
  console.log(`\n${ladder.rows} ladder: ${ladder.title}, ${ladder.unit}\n`);
  console.log(
    `| layer | ${ladder.unit} | step |${detail ? ` ${ladder.detailHeading} |` : ''} why it cannot go lower |`,
  );
  console.log(`| --- | --- | --- |${detail ? ' --- |' : ''} --- |`);
  ladder.rungs.forEach((rung, index) => {
    const from = ladder.rungs[rung.stepFrom ?? index - 1];
    const step =
      from === undefined
        ? ''
        : `${signed(rung.value - from.value, places)}${rung.stepFrom === undefined || rung.stepFrom === index - 1 ? '' : ` (from ${from.layer})`}`;
    const figure = `${fixed(rung.value, places)}${rung.range === undefined ? '' : ` (${rung.range})`}`;
    console.log(`| ${rung.layer} | ${figure} | ${step} |${detail ? ` ${rung.detail ?? ''} |` : ''} ${rung.why} |`);
  });
  for (const note of ladder.notes ?? []) console.log(`\n${note}`);
}
