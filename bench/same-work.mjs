// The work the sample-app routes do, done with the same libraries and nothing else, shared by the
// bench's bare baselines (bench/bare-fastify.mjs, bench/bare-nest.mjs) so that both do exactly the
// same work: verify the same RS256 JWT with jose against sample-app's JWKS, a fixed-window rate-limit
// counter in one Redis round trip, a Redis GET for the cached item, one INSERT … RETURNING with pg.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pg from 'pg';

const env = process.env;
export const INFO = { name: 'bare-fastify', version: '0.0.0', commit: 'none', node: process.version };
export const ITEM = {
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
/** Each baseline process inserts into its own table, so two of them never contend on one. */
const table = env.BENCH_TABLE ?? 'bench_items';

/** Creates the insert's table and caches the item the reads return. */
export async function prepare() {
  if (pool) {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id uuid PRIMARY KEY, owner_id text NOT NULL, name text NOT NULL, description text, created_at timestamptz NOT NULL DEFAULT now())`,
    );
  }
  if (redis) await redis.set('bare:item:bench', JSON.stringify(ITEM));
}

async function authenticate(authorization) {
  const token = String(authorization ?? '').replace(/^Bearer /, '');
  const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] });
  await redis.eval(FIXED_WINDOW, 1, `bare:limit:${payload.sub}`, '60000');
  return payload;
}

/** GET /api/v1/items/:id: the JWT, the rate limit, the cache hit. */
export async function readItem(authorization, id) {
  if (!jwks || !redis) return ITEM;
  await authenticate(authorization);
  const cached = await redis.get(`bare:item:${id}`);
  return cached === null ? ITEM : JSON.parse(cached);
}

/** POST /api/v1/items: the JWT, the rate limit, the insert. */
export async function insertItem(authorization, { name, description }) {
  const payload = await authenticate(authorization);
  const id = randomUUID();
  const { rows } = await pool.query(
    `INSERT INTO ${table} (id, owner_id, name, description) VALUES ($1, $2, $3, $4) RETURNING created_at`,
    [id, payload.sub, name, description],
  );
  return { id, ownerId: payload.sub, name, description, createdAt: rows[0].created_at };
}

export async function release() {
  await Promise.all([redis?.quit(), pool?.end()]);
}
