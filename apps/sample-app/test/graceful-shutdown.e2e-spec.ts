import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApp, waitFor } from '../../../test/support/process-harness';

const ROOT = join(__dirname, '..', '..', '..');

function status(url: string): Promise<number | 'refused'> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.status,
    () => 'refused' as const,
  );
}

describe('sample-app graceful shutdown on SIGTERM (the built process)', () => {
  let child: ChildProcess;
  let base: string;
  let scratch: string;
  let output: () => string;

  beforeAll(async () => {
    execFileSync('npx', ['nest', 'build', 'sample-app'], { cwd: ROOT, stdio: 'ignore' });
    scratch = mkdtempSync(join(tmpdir(), 'shutdown-'));
    const app = await startBuiltApp('sample-app', {
      NODE_ENV: 'test',
      SQLITE_PATH: join(scratch, 'db.sqlite'),
      SHUTDOWN_DRAIN_DELAY_MS: '1500',
    });
    child = app.process.child;
    output = app.process.output;
    base = app.baseUrl;
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes one JSON line per request, with the route template and status, and never the credentials', async () => {
    const secret = 'Bearer not-a-real-token-but-secret';
    await fetch(`${base}/api/v1/items/01a21d45-0000-7000-8000-000000000000?token=abc`, {
      headers: { authorization: secret },
    });
    await fetch(`${base}/no/such/path`);
    const completedLines = () =>
      output()
        .split('\n')
        .filter((line) => line.includes('"request completed"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Each line is written when its response has gone; wait for both rather than for a fixed time.
    const lines = await waitFor('both request lines', () =>
      Promise.resolve(completedLines().some((line) => line.route === '(unmatched)') ? completedLines() : undefined),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          route: '/api/v1/items/:id',
          req: expect.objectContaining({ method: 'GET', path: '/api/v1/items/01a21d45-0000-7000-8000-000000000000' }),
          res: { statusCode: 401 },
          responseTime: expect.any(Number),
          level: 40,
        }),
        expect.objectContaining({ route: '(unmatched)', res: { statusCode: 404 } }),
      ]),
    );
    expect(output()).not.toContain('not-a-real-token');
    expect(output()).not.toContain('token=abc');
  });

  it('turns unready at once, serves through the drain, finishes in-flight work, then exits 0', async () => {
    // GIVEN a request whose body is still arriving when SIGTERM lands
    const body = JSON.stringify({ email: 'late@example.com', password: 'in flight when the signal came' });
    let finishBody: () => void = () => undefined;
    let firstBytesSent: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstBytesSent = resolve));
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 10), () => firstBytesSent());
      finishBody = () => req.end(body.slice(10));
    });
    await started;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // WHEN the orchestrator sends SIGTERM
    child.kill('SIGTERM');
    await waitFor('the drain to begin', () =>
      Promise.resolve(output().includes('received SIGTERM') ? true : undefined),
    );

    // THEN readiness fails at once while liveness and the API keep answering during the drain
    expect(await status(`${base}/ready`)).toBe(503);
    expect(await status(`${base}/health`)).toBe(200);
    expect(await status(`${base}/api/v1/protected`)).toBe(401);

    // AND once the server has closed to new connections, the request that was in flight still
    // gets its real answer when the rest of its body arrives
    await waitFor('new connections to be refused', async () =>
      (await status(`${base}/health`)) === 'refused' ? true : undefined,
    );
    finishBody();
    expect(await inFlight).toBe(401);

    // AND the process exits 0
    expect(await exited).toBe(0);
    expect(output()).toContain('received SIGTERM: not ready; draining for 1500 ms');
  }, 30_000);
});
