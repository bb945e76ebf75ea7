// The baselines of `npm run bench`: Fastify alone, answering the benchmark's routes with bodies
// of the same size, and for routes that do work, doing the same work with the same libraries
// (verify the same RS256 JWT with jose, the same Redis calls, the same PostgreSQL insert), so
// every ratio measures the framework and the observability, not the work.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pg from 'pg';

const env = process.env;
const ITEM = {
  id: '01900000-0000-7000-8000-000000000001',
  ownerId: '01900000-0000-7000-8000-000000000002',
  name: 'Telescope',
  description: 'A 200 mm reflector on a Dobsonian mount.',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
/** A fixed-window counter in one round trip, as a rate limiter must do per request. */
const FIXED_WINDOW = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

const jwks = env.BENCH_JWKS_URL ? createRemoteJWKSet(new URL(env.BENCH_JWKS_URL)) : undefined;
const redis = env.BENCH_REDIS_URL ? new Redis(env.BENCH_REDIS_URL, { lazyConnect: false }) : undefined;
const pool = env.BENCH_DATABASE_URL ? new pg.Pool({ connectionString: env.BENCH_DATABASE_URL, max: 10 }) : undefined;
const table = env.BENCH_TABLE ?? 'bench_items';
if (pool) {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id uuid PRIMARY KEY, owner_id text NOT NULL, name text NOT NULL, description text, created_at timestamptz NOT NULL DEFAULT now())`,
  );
}

async function authenticate(request) {
  const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] });
  await redis.eval(FIXED_WINDOW, 1, `bare:limit:${payload.sub}`, '60000');
  return payload;
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/info', async () => ({ name: 'bare-fastify', version: '0.0.0', commit: 'none', node: process.version }));
app.get('/api/v1/items/:id', async (request) => {
  if (!jwks || !redis) return ITEM;
  await authenticate(request);
  const cached = await redis.get(`bare:item:${request.params.id}`);
  return cached === null ? ITEM : JSON.parse(cached);
});
app.post('/api/v1/items', async (request, reply) => {
  const payload = await authenticate(request);
  const id = randomUUID();
  const { name, description } = request.body;
  const { rows } = await pool.query(
    `INSERT INTO ${table} (id, owner_id, name, description) VALUES ($1, $2, $3, $4) RETURNING created_at`,
    [id, payload.sub, name, description],
  );
  return reply.code(201).send({ id, ownerId: payload.sub, name, description, createdAt: rows[0].created_at });
});
app.addHook('onReady', async () => {
  if (redis) await redis.set('bare:item:bench', JSON.stringify(ITEM));
});
await app.listen({ host: '127.0.0.1', port: Number(env.PORT) });
const stop = () =>
  void app
    .close()
    .then(() => Promise.all([redis?.quit(), pool?.end()]))
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
