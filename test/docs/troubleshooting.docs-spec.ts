import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type Server, type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import { MIGRATION_LOCK_KEY } from '@app/database';
import { Client } from 'pg';
import { type StartedApp, freePort, startBuiltApp, startProcess, waitFor } from '../support/process-harness';
import { requiredServiceUrls, uniqueName } from '../support/service-env';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'TROUBLESHOOTING.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'troubleshooting-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const main = (app: 'sample-app' | 'llm-app') => join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`);

/** The symptom the app showed is the one the page quotes. */
function expectQuoted(output: string, quote: string): void {
  expect({ quote, inOutput: output.includes(quote), inDoc: DOC.includes(quote) }).toEqual({
    quote,
    inOutput: true,
    inDoc: true,
  });
}

/** Runs a built app (or script) that should exit by itself, and returns what it printed. */
function exited(args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('docs/TROUBLESHOOTING.md, reproduced on the built apps', () => {
  it('an app refuses to start on a bad variable, naming it', () => {
    const { status, output } = exited([main('sample-app')], { PORT: 'eighty' });
    expect(status).toBe(1);
    expectQuoted(output, 'sample-app: Invalid configuration:\n  - PORT: expected an integer, got "eighty"');
  });

  it('an app refuses an HTTP_TRUST_PROXY hop count, which Fastify would silently ignore', () => {
    const { status, output } = exited([main('sample-app')], { PORT: '0', HTTP_TRUST_PROXY: '1' });
    expect(status).toBe(1);
    expectQuoted(output, "HTTP_TRUST_PROXY: a hop count (1) is not supported: give the proxies' addresses or CIDRs");
  });

  it('production rules refuse a configuration without its secrets (the CrashLoopBackOff of a cluster)', () => {
    const { status, output } = exited([main('llm-app')], { NODE_ENV: 'production', PORT: '0' });
    expect(status).toBe(1);
    expectQuoted(
      output,
      'llm-app: Invalid configuration:\n  - REDIS_URL: required when NODE_ENV=production (rate limits and the cache must be shared by every replica)',
    );
  });

  it('npm start refuses a PORT that would put both apps on one port', () => {
    const { status, output } = exited([join(ROOT, 'scripts', 'start.mjs')], { PORT: '8090' });
    expect(status).toBe(1);
    expectQuoted(output, 'PORT=8090 would start both apps on one port: set SAMPLE_APP_PORT and LLM_APP_PORT instead');
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('a Node.js other than 24 is refused at once with one line', () => {
    const pretend20 =
      'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.20.2"});Object.defineProperty(process,"version",{value:"v20.20.2"})';
    const { status, output } = exited(['--import', pretend20, join(ROOT, 'scripts', 'check-node.mjs')], {});
    expect(status).toBe(1);
    expectQuoted(output, 'This project needs Node.js 24, but this is Node.js v20');
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  describe('a port already in use', () => {
    let occupied: Server;
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      occupied = createServer();
      await new Promise<void>((listening) => occupied.listen(port, '127.0.0.1', listening));
    });

    afterAll(async () => {
      await new Promise((closed) => occupied.close(closed));
    });

    it('stops the app with EADDRINUSE naming the address', () => {
      const { status, output } = exited([main('sample-app')], {
        PORT: String(port),
        SQLITE_PATH: join(scratch, `${uniqueName('db')}.sqlite`),
      });
      expect(status).toBe(1);
      expectQuoted(output, 'EADDRINUSE: address already in use');
      expect(output).toContain(`127.0.0.1:${port}`);
    });
  });

  describe('sample-app with Redis unreachable', () => {
    let app: StartedApp;

    beforeAll(async () => {
      app = await startBuiltApp('sample-app', {
        SQLITE_PATH: join(scratch, `${uniqueName('db')}.sqlite`),
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      });
    }, 90_000);

    afterAll(async () => {
      await app?.process.stop();
    }, 30_000);

    it('says the cache is degraded in the log and in /ready, which stays 200', async () => {
      expectQuoted(app.process.output(), 'redis is not reachable yet; serving with a degraded cache');
      const ready = await fetch(`${app.baseUrl}/ready`);
      expect(ready.status).toBe(200);
      const body = await ready.text();
      expectQuoted(body, '"status":"degraded"');
      expectQuoted(body, 'redis unreachable');
    });
  });

  describe('sample-app with the OTLP endpoint unreachable and a small rate limit', () => {
    let app: StartedApp;

    beforeAll(async () => {
      app = await startBuiltApp('sample-app', {
        SQLITE_PATH: join(scratch, `${uniqueName('db')}.sqlite`),
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
        RATE_LIMIT_AUTH_MAX_REQUESTS: '2',
      });
    }, 90_000);

    afterAll(async () => {
      await app?.process.stop();
    }, 30_000);

    it('answers 429 rate-limited with Retry-After once the limit is spent', async () => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        last = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' }),
        });
        statuses.push(last.status);
      }
      expect(statuses.slice(-1)).toEqual([429]);
      expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(last?.headers.get('content-type')).toContain('application/problem+json');
      expectQuoted(await (last as Response).text(), '"code":"rate-limited"');
    });

    it('reports the failed trace export on stderr as one line', async () => {
      const line = await waitFor(
        'a tracing error line',
        () => Promise.resolve(/^tracing: .*$/m.exec(app.process.output())?.[0]),
        30_000,
      );
      expect(line).toMatch(/^tracing: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
      expectQuoted(line, 'tracing: connect ECONNREFUSED 127.0.0.1:');
    }, 40_000);
  });

  describe('llm-app in front of an upstream that never answers', () => {
    let silent: Server;
    let app: StartedApp;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
      const address = silent.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      app = await startBuiltApp('llm-app', {
        LLM_UPSTREAM_BASE_URL: `http://127.0.0.1:${port}/v1`,
        LLM_UPSTREAM_MODELS: 'slow',
        LLM_UPSTREAM_TIMEOUT_MS: '300',
        LLM_UPSTREAM_MAX_RETRIES: '0',
      });
    }, 90_000);

    afterAll(async () => {
      await app?.process.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((closed) => silent.close(closed));
    }, 30_000);

    it('answers 504 upstream_timeout in the OpenAI error shape', async () => {
      const response = await fetch(`${app.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(504);
      expectQuoted(
        await response.text(),
        '{"error":{"message":"upstream did not answer within 300 ms.","type":"upstream_error",',
      );
      await waitFor('the completion error log line', () =>
        Promise.resolve(app.process.output().includes('completion error') ? true : undefined),
      );
      expectQuoted(app.process.output(), 'completion error');
    }, 40_000);
  });

  describe('migrations while another runner holds the lock (PostgreSQL)', () => {
    const { databaseUrl } = requiredServiceUrls();
    const schema = uniqueName('docs_lock').replace(/[^a-z0-9_]/g, '_');
    let admin: Client;

    beforeAll(async () => {
      admin = new Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
    });

    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });

    it('waits without a word until the holder lets go, and the documented query finds the holder', async () => {
      expect(DOC).toContain(String(MIGRATION_LOCK_KEY));
      const holder = new Client({ connectionString: databaseUrl });
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const holderPid = ((await holder.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number }).pid;
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const migrate = startProcess(
        process.execPath,
        [join(ROOT, 'dist/apps/sample-app/apps/sample-app/src/migrate.js'), 'run'],
        {
          PATH: process.env.PATH,
          DATABASE_URL: url.toString(),
        },
      );
      try {
        await new Promise((elapsed) => setTimeout(elapsed, 2_000));
        expect({ exited: migrate.child.exitCode, output: migrate.output() }).toEqual({ exited: null, output: '' });
        const found = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${MIGRATION_LOCK_KEY} AND granted)`,
        );
        expect(found.rows.map((row: { pid: number }) => row.pid)).toEqual([holderPid]);
      } finally {
        await holder.end();
      }
      const code = await new Promise<number | null>((done) => {
        if (migrate.child.exitCode !== null) done(migrate.child.exitCode);
        else migrate.child.once('exit', (exitCode) => done(exitCode));
      });
      expect({ code, output: migrate.output() }).toEqual({ code: 0, output: expect.stringMatching(/^applied: /m) });
    }, 60_000);
  });
});
