import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startOtlpSink } from './otlp-sink';

/** What one bench run shares between its servers: its own schema and key prefix, an OTLP sink, the production env. */
export interface BenchSession {
  readonly runId: string;
  readonly redisUrl: string;
  /** DATABASE_URL selecting the run's own schema. */
  readonly isolatedDatabaseUrl: string;
  /**
   * Production settings: JSON request logs, metrics, 10 % of traces exported over OTLP to the sink,
   * Redis-backed limits and cache, PostgreSQL in the run's schema.
   */
  readonly production: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

async function withPg(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startBenchSession(): Promise<BenchSession> {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = process.env;
  if (!databaseUrl || !redisUrl) throw new Error('the bench needs DATABASE_URL and REDIS_URL (PostgreSQL and Redis).');
  const runId = randomUUID().slice(0, 8);
  const schema = `bench_${runId}`;
  await withPg(databaseUrl, `CREATE SCHEMA "${schema}"`);
  const isolated = new URL(databaseUrl);
  isolated.searchParams.set('options', `-c search_path=${schema}`);
  const sink = await startOtlpSink();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return {
    runId,
    redisUrl,
    isolatedDatabaseUrl: isolated.toString(),
    production: {
      NODE_ENV: 'production',
      DATABASE_URL: isolated.toString(),
      DATABASE_MIGRATIONS_RUN: 'true',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `bench-${runId}:`,
      AUTH_JWT_PRIVATE_KEY: signingKey,
      RATE_LIMIT_MAX_REQUESTS: '1000000',
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    },
    close: async () => {
      await sink.close();
      await withPg(databaseUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}
