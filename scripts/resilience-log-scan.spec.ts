import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'resilience-log-scan.mjs');

function scan(lines: readonly string[], knownSecrets: readonly string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
  try {
    mkdirSync(join(dir, 'logs'));
    mkdirSync(join(dir, 'known-secrets'));
    writeFileSync(join(dir, 'logs', 'app.log'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'known-secrets', 'spec.json'), JSON.stringify(knownSecrets));
    const result = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
    const figures = JSON.parse(readFileSync(join(dir, 'log-scan.json'), 'utf8')) as {
      rows: { secretsFound: number }[];
    };
    return {
      status: result.status,
      output: result.stderr + result.stdout,
      secretsFound: figures.rows[0]?.secretsFound,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, env: 'production', ...fields });
const CLEAN = line({ msg: 'request completed', req: { headers: { authorization: '[Redacted]' } } });

describe('scripts/resilience-log-scan.mjs', () => {
  it('passes a production log of redacted JSON lines', () => {
    expect(
      scan([CLEAN, line({ msg: 'query failed', code: '23505', query: 'INSERT INTO "users" VALUES ($1, $2)' })]),
    ).toMatchObject({
      status: 0,
      secretsFound: 0,
    });
  });

  it.each([
    ['an argon2id hash', line({ msg: 'x', detail: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' })],
    ['a JWT', line({ msg: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln' })],
    ['an API key', line({ msg: `key nko_ABCDEFGHIJKL_${'a'.repeat(43)}` })],
    ['an API-key digest', line({ keyHash: 'a'.repeat(64) })],
    ['an Authorization header', line({ req: { headers: { authorization: 'Bearer abc.def' } } })],
    ['a password field', line({ body: { password: 'correct horse battery staple' } })],
    ['SQL parameters', 'query failed: INSERT INTO "users" VALUES ($1, $2) -- PARAMETERS: ["ada@example.com"]'],
    ['a secret a spec handed to the app', line({ msg: 'hello s3cret-value-123' })],
  ])('fails and counts a secret when a line carries %s', (_kind, bad) => {
    const outcome = scan([CLEAN, bad], ['s3cret-value-123']);
    expect(outcome.status).toBe(1);
    expect(outcome.secretsFound).toBeGreaterThanOrEqual(1);
  });

  it('fails when a probe was logged as a request line', () => {
    const outcome = scan([CLEAN, line({ msg: 'request completed', req: { method: 'GET', path: '/ready' } })]);
    expect(outcome.status).toBe(1);
    expect(outcome.output).toContain('quiet path');
  });

  it.each([
    ['a crash', 'sample-app failed to start TypeError: boom'],
    // What TypeORM's own console logger prints when PostgreSQL ends an idle pooled connection.
    [
      "TypeORM's pool error",
      'Postgres pool raised an error. error: terminating connection due to administrator command',
    ],
  ])('fails on a plain-text line in a production log (%s)', (_kind, plain) => {
    const outcome = scan([CLEAN, plain]);
    expect(outcome.status).toBe(1);
    expect(outcome.output).toContain('not a JSON line');
  });
});
