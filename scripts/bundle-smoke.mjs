// `npm run bundle:smoke`: proves what the Docker runtime stage ships, without Docker.
// It takes the built apps (the npm script builds them first), lays out each image's /app in a temporary folder (package.json,
// `npm ci --omit=dev` node_modules, that app's dist/), makes it read-only, and as the
// image's non-root user: runs the sample-app migration entry on a fresh SQLite file,
// starts each app, checks /health, /ready, /info and the app's API, then stops it with
// SIGTERM and expects exit code 0. Anything the runtime needs that the bundle lacks fails
// here. Bounded in time; removes its processes, folders and scratch database even on failure.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { APP_CHECKS, call } from './bundle/app-checks.mjs';
import { installProductionDependencies, layOutImage } from './bundle/image-layout.mjs';
import { appEnvironment, servicesFrom } from './bundle/runtime-env.mjs';
import { createScratchDatabase, dropScratchDatabase } from './bundle/scratch-database.mjs';
import { giveToImageUser, imageUserDescription, runAsImageUser, spawnAsImageUser } from './bundle/unprivileged.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOTAL_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const APPS = Object.keys(APP_CHECKS);
const runId = `${process.pid}_${Date.now()}`;

const work = mkdtempSync(join(tmpdir(), 'bundle-smoke-'));
const started = [];
let scratchDatabase;

async function cleanUp() {
  for (const child of started) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
  if (scratchDatabase) await dropScratchDatabase(scratchDatabase.adminUrl, scratchDatabase.name).catch(() => {});
}

async function fail(message) {
  console.error(`bundle:smoke FAILED: ${message}`);
  await cleanUp();
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void fail(`interrupted by ${signal}`));
setTimeout(() => void fail(`did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`), TOTAL_TIMEOUT_MS).unref();

const step = (message) => console.log(`\n-- ${message}`);

/** Starts one app from its bundle; resolves with its base URL once it logs "ready at". */
async function startApp(app, folder, env) {
  const child = spawnAsImageUser(process.execPath, [`dist/apps/${app}/src/main.js`], { cwd: folder, env });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (ready?.[1]) return { base: ready[1], exited, output: () => output, child };
    if (child.exitCode !== null)
      throw new Error(`${app} exited with ${child.exitCode} before it was ready:\n${output.slice(-4_000)}`);
    if (Date.now() > deadline)
      throw new Error(`${app} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-4_000)}`);
    await sleep(200);
  }
}

async function checkApp(app, folder, env) {
  const running = await startApp(app, folder, env);
  try {
    const health = await call(running.base, 'GET', '/health');
    if (health.status !== 'ok') throw new Error(`/health: ${JSON.stringify(health)}`);
    await call(running.base, 'GET', '/ready');
    const info = await call(running.base, 'GET', '/info');
    const built = JSON.parse(readFileSync(join(folder, 'dist', 'apps', app, 'src', 'build-info.json'), 'utf8'));
    if (info.commit !== built.commit || info.version !== built.version) {
      throw new Error(`/info does not report the baked build info: ${JSON.stringify(info)}`);
    }
    console.log(`   /health, /ready, /info (${info.version} ${info.commit.slice(0, 12)}, ${info.environment})`);
    for (const [description, check] of APP_CHECKS[app]) {
      await check(running.base);
      console.log(`   ${description}`);
    }
  } catch (error) {
    throw new Error(`${app}: ${error.message}\n--- ${app} output ---\n${running.output().slice(-4_000)}`, {
      cause: error,
    });
  }
  // PID 1 in the container receives SIGTERM and nothing else: the app must exit by itself, cleanly.
  process.kill(running.child.pid, 'SIGTERM');
  const stopped = await Promise.race([running.exited, sleep(STOP_TIMEOUT_MS).then(() => undefined)]);
  if (stopped === undefined) throw new Error(`${app} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  if (stopped.code !== 0)
    throw new Error(`${app} exited with ${JSON.stringify(stopped)} after SIGTERM, expected code 0`);
  console.log('   SIGTERM: exited with code 0');
}

function expectReadOnly(folder) {
  const probe = runAsImageUser(process.execPath, ['-e', "require('fs').writeFileSync('write-probe', 'x')"], {
    cwd: folder,
  });
  if (probe.status === 0)
    throw new Error(`${folder} is writable by the app user; the read-only check would prove nothing`);
}

function migrateOnFreshSqlite(folder, writableTmp) {
  const env = { PATH: '/usr/bin:/bin', HOME: writableTmp, SQLITE_PATH: join(writableTmp, 'migrate.sqlite') };
  const entry = 'dist/apps/sample-app/src/migrate.js';
  for (const expected of [/applied: /, /schema is up to date/]) {
    const result = runAsImageUser(process.execPath, [entry, 'run'], { cwd: folder, env });
    if (result.status !== 0 || !expected.test(result.stdout)) {
      throw new Error(
        `node ${entry} run: exit ${result.status}, expected ${expected}:\n${result.stdout}${result.stderr}`,
      );
    }
    console.log(`   node ${entry} run: ${result.stdout.trim()}`);
  }
}

try {
  chmodSync(work, 0o755);
  step('production dependencies: npm ci --omit=dev from the lock file');
  const nodeModules = installProductionDependencies(ROOT, join(work, 'prod-deps'));
  const images = Object.fromEntries(APPS.map((app) => [app, layOutImage(ROOT, app, nodeModules, join(work, app))]));
  rmSync(join(work, 'prod-deps'), { recursive: true, force: true });

  // The container: /app read-only for everyone, only /tmp writable, owned by the app user.
  spawnSync('chmod', ['-R', 'a-w', ...Object.values(images)]);
  const writableTmp = join(work, 'tmp');
  mkdirSync(writableTmp, { mode: 0o700 });
  giveToImageUser(writableTmp);
  for (const folder of Object.values(images)) expectReadOnly(folder);
  console.log(`   bundles in ${work}, read-only; running as ${imageUserDescription()}`);

  step('sample-app migration entry on a fresh SQLite file');
  migrateOnFreshSqlite(images['sample-app'], writableTmp);

  let services = servicesFrom(process.env);
  if (services) {
    const name = `bundle_smoke_${runId}`;
    scratchDatabase = { adminUrl: services.databaseUrl, name };
    services = { ...services, databaseUrl: await createScratchDatabase(services.databaseUrl, name) };
  }
  for (const app of APPS) {
    step(
      `${app}: ${services ? 'NODE_ENV=production on PostgreSQL + Redis' : 'development mode, SQLite in /tmp (no DATABASE_URL/REDIS_URL)'}`,
    );
    await checkApp(app, images[app], appEnvironment(app, { writableTmp, services, runId }));
  }
} catch (error) {
  await fail(error instanceof Error ? error.message : String(error));
}
await cleanUp();
console.log('\nbundle:smoke: both bundles start read-only as a non-root user and answer; cleaned up');
process.exit(0);
