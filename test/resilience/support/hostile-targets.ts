import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { type StartedProcess, freePort, startBuiltApp } from '../../support/process-harness';
import { uniqueName } from '../../support/service-env';
import { saveAppLog } from './figures';
import { recordKnownSecrets } from './known-secrets';
import { collectGarbage, INSPECT_ON_LOOPBACK } from './full-gc';

/**
 * The built apps the hostile-input, access-table and slow-client specs drive, as `npm start`
 * would run them. In production mode (JSON logs, production validation) on the shared
 * PostgreSQL (a schema of their own) and Redis (a key prefix of their own) when
 * DATABASE_URL and REDIS_URL are set; otherwise on the embedded defaults. These specs
 * never stop or freeze a service. Rate limits are raised: the fuzzer is one client
 * sending thousands of requests, and what it probes is input handling.
 */
export interface HostileTargets {
  readonly sampleApp: string;
  readonly llmApp: string;
  /** An llm-app key (granting llm:invoke), whose digest llm-app is configured with. */
  readonly llmApiKey: string;
  readonly admin: { readonly email: string; readonly password: string };
  readonly production: boolean;
  /** A full garbage collection in the app at that base URL (through its loopback inspector). */
  collectGarbage(base: string): Promise<void>;
  /** Stops both apps and saves their whole output for the closing log scan. */
  stop(): Promise<void>;
}

export const ADMIN_PASSWORD = `admin-${randomBytes(12).toString('base64url')}`;

export async function startHostileTargets(
  label: string,
  extraEnv: Record<string, string> = {},
): Promise<HostileTargets> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const production = databaseUrl !== undefined && redisUrl !== undefined;
  const scratch = mkdtempSync(join(tmpdir(), `resilience-${label}-`));
  const schema = uniqueName(`res_${label}`)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const llmApiKey = `llm-${randomBytes(24).toString('base64url')}`;
  const admin = { email: `${uniqueName('admin')}@example.com`.toLowerCase(), password: ADMIN_PASSWORD };

  let database: Record<string, string>;
  if (production) {
    await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    database = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl };
  } else {
    database = { SQLITE_PATH: join(scratch, 'sample-app.sqlite') };
  }
  const common = {
    NODE_ENV: production ? 'production' : 'development',
    LOG_LEVEL: 'info',
    RATE_LIMIT_MAX_REQUESTS: '1000000',
    RATE_LIMIT_AUTH_MAX_REQUESTS: '10000',
    // The heap checks force a full GC through the inspector, on loopback only (full-gc.ts).
    NODE_OPTIONS: INSPECT_ON_LOOPBACK,
    ...extraEnv,
  };
  // sample-app summarises items through this llm-app, as deployed; its port is known beforehand.
  const llmPort = await freePort();
  const sampleEnv = {
    ...common,
    LLM_GATEWAY_URL: `http://127.0.0.1:${llmPort}`,
    // Callers with sample-app API keys are represented by sample-app's own llm-app key (decision 0031).
    LLM_GATEWAY_API_KEY: llmApiKey,
    ...database,
    REDIS_KEY_PREFIX: `${uniqueName(`${label}-sample`)}:`,
    AUTH_JWT_PRIVATE_KEY: privateKeyPem,
  };
  recordKnownSecrets(label, [admin.password, llmApiKey, createHash('sha256').update(llmApiKey).digest('hex')]);
  const processes: { name: string; process: StartedProcess }[] = [];
  try {
    const sample = await startBuiltApp('sample-app', sampleEnv);
    processes.push({ name: `${label}-sample-app`, process: sample.process });
    await registerAdmin(sample.baseUrl, admin, (sql) =>
      production
        ? withClient(databaseUrl, (client) => client.query(sql.replace('users', `"${schema}".users`), [admin.email]))
        : Promise.resolve(new Database(database.SQLITE_PATH).prepare(sql.replace('$1', '?')).run(admin.email)),
    );
    const llm = await startBuiltApp('llm-app', {
      ...common,
      PORT: String(llmPort),
      ...(production ? { REDIS_URL: redisUrl } : {}),
      REDIS_KEY_PREFIX: `${uniqueName(`${label}-llm`)}:`,
      AUTH_JWKS_URL: `${sample.baseUrl}/.well-known/jwks.json`,
      LLM_API_KEY_SHA256: createHash('sha256').update(llmApiKey).digest('hex'),
      LLM_SIMULATED_TTFT_MS: '0',
      LLM_SIMULATED_TOKENS_PER_SECOND: '1000000',
    });
    processes.push({ name: `${label}-llm-app`, process: llm.process });
    return {
      sampleApp: sample.baseUrl,
      llmApp: llm.baseUrl,
      llmApiKey,
      admin,
      production,
      collectGarbage: (base) => collectGarbage((base === sample.baseUrl ? sample : llm).process.output()),
      stop: async () => {
        for (const { name, process } of processes.reverse()) {
          await process.stop();
          saveAppLog(name, process.output());
        }
        if (production) await withClient(databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const { name, process } of processes) {
      await process.stop();
      saveAppLog(name, process.output());
    }
    throw error;
  }
}

/**
 * An admin account: registered through the API, then promoted in the database, as an
 * operator would with a one-off statement (`npm run seed:admin` boots the whole app).
 */
async function registerAdmin(
  base: string,
  admin: { email: string; password: string },
  run: (sql: string) => Promise<unknown>,
): Promise<void> {
  const response = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (response.status !== 201) throw new Error(`registering the admin: ${response.status} ${await response.text()}`);
  await run("UPDATE users SET role = 'admin' WHERE email = $1");
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
