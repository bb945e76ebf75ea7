// The relay floor of `npm run bench`'s B5/B6 ladders: Fastify relaying `POST /v1/chat/completions`
// to the bench's upstream, doing the work any relay that reads what it relays must do and no more:
// the API key checked as llm-app does (SHA-256, constant-time compare), the JSON body parsed and
// re-serialized with the model set, the upstream's answer parsed (a gateway reads its usage) and
// sent back; streamed, every SSE `data:` payload parsed and written on as it arrives.
// BENCH_RELAY picks the HTTP client: `http` (node:http with a keep-alive agent, the cheapest client
// Node ships), `undici` (the undici package's Pool.request, llm-app's client since decision 0125) or
// `fetch` (Node's bundled undici behind WHATWG fetch, llm-app's client before it).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import Fastify from 'fastify';
import { Pool } from 'undici';

const env = process.env;
const UPSTREAM = new URL(`${env.BENCH_UPSTREAM_URL}/chat/completions`);
const DIGEST = Buffer.from(env.BENCH_KEY_SHA256 ?? '', 'hex');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const pool = env.BENCH_RELAY === 'undici' ? new Pool(UPSTREAM.origin) : undefined;

function authorized(header) {
  const key = String(header ?? '').replace(/^Bearer /, '');
  return timingSafeEqual(createHash('sha256').update(key).digest(), DIGEST);
}

/** The upstream's status and body as a stream of strings, by the chosen client. */
async function post(body) {
  if (env.BENCH_RELAY === 'http') {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        UPSTREAM,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.setEncoding('utf8');
          resolve({ status: response.statusCode, chunks: response });
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  }
  if (pool) {
    const response = await pool.request({
      path: UPSTREAM.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    response.body.setEncoding('utf8');
    return { status: response.statusCode, chunks: response.body };
  }
  const response = await fetch(UPSTREAM, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, chunks: response.body.pipeThrough(new TextDecoderStream()) };
}

const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
app.get('/health', async () => ({ status: 'ok' }));
app.post('/v1/chat/completions', async (request, reply) => {
  if (!authorized(request.headers.authorization)) return reply.code(401).send({ error: { message: 'bad key' } });
  const { status, chunks } = await post(JSON.stringify({ ...request.body, model: request.body.model }));
  if (request.body.stream !== true) {
    let text = '';
    for await (const chunk of chunks) text += chunk;
    return reply.code(status).send(JSON.parse(text));
  }
  reply.hijack();
  reply.raw.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let buffered = '';
  for await (const chunk of chunks) {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (!event.startsWith('data: ')) continue;
      const data = event.slice('data: '.length);
      reply.raw.write(data === '[DONE]' ? 'data: [DONE]\n\n' : `data: ${JSON.stringify(JSON.parse(data))}\n\n`);
    }
  }
  reply.raw.end();
  return reply;
});
await app.listen({ host: '127.0.0.1', port: Number(env.PORT) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
