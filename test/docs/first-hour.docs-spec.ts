import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/process-harness';
import { requiredServiceUrls, uniqueName } from '../support/service-env';

const ROOT = join(__dirname, '..', '..');

/** `npm run -s <script>` as a user types it, in `cwd`, with only `env` beyond PATH and HOME. */
function npmRun(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', '-s', script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_nodedir: process.env.npm_config_nodedir, ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function seedScript(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/sample-app/apps/sample-app/src/seed-admin.js')], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the first hour: commands the README and docs give a newcomer', () => {
  const { databaseUrl } = requiredServiceUrls();
  const schema = uniqueName('first_hour').replace(/[^a-z0-9_]/g, '_');
  const schemaUrl = (() => {
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  })();
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

  it('npm run seed:admin creates an admin on PostgreSQL, then finds it unchanged', async () => {
    const env = { DATABASE_URL: schemaUrl, ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'a long admin passphrase' };
    const first = npmRun('seed:admin', ROOT, env);
    expect(first).toEqual({ status: 0, output: expect.stringContaining('admin root@example.com: created') });
    // The build is done: the command the image runs (docs/kubernetes.md), as a second run.
    const again = seedScript(env);
    expect(again).toEqual({ status: 0, output: expect.stringContaining('admin root@example.com: unchanged') });
    const users = await admin.query(`SELECT email, role FROM "${schema}".users`);
    expect(users.rows).toEqual([{ email: 'root@example.com', role: 'admin' }]);
  }, 200_000);

  it('seed:admin without ADMIN_EMAIL says which variables it needs', () => {
    const { status, output } = seedScript({ DATABASE_URL: schemaUrl });
    expect(status).toBe(1);
    expect(output).toContain('ADMIN_EMAIL and ADMIN_PASSWORD: both are required to seed an admin');
  }, 60_000);

  describe('with a .env in the folder npm runs in', () => {
    let checkout: string;

    beforeAll(async () => {
      // A checkout of its own (links to this one's files), so its .env touches no one else.
      checkout = mkdtempSync(join(tmpdir(), 'first-hour-'));
      for (const entry of ['package.json', 'node_modules', 'apps', 'libs', 'tsconfig.json', 'dist', 'scripts']) {
        symlinkSync(join(ROOT, entry), join(checkout, entry));
      }
      const closed = await freePort();
      writeFileSync(
        join(checkout, '.env'),
        `DATABASE_URL=postgres://postgres@127.0.0.1:${closed}/app\nDATABASE_CONNECT_RETRIES=0\n`,
      );
    });

    afterAll(() => rmSync(checkout, { recursive: true, force: true }));

    it('npm run migration:show uses its DATABASE_URL instead of checking SQLite', () => {
      // tsx looks for tsconfig.json beside the real (linked-to) files otherwise.
      const { status, output } = npmRun('migration:show', checkout, { TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') });
      expect(status).toBe(1);
      expect(output).toContain('ECONNREFUSED');
    }, 60_000);
  });
});
