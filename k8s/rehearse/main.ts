// `npm run k8s:rehearse`: the deployed system rehearsed without a cluster (docs/kubernetes.md,
// "Rehearsal"). Reads charts-out/local, builds each app container's environment and process as
// the kubelet would, runs the migration init container and both built apps with it, puts Debian's
// nginx in front configured from the HTTPRoutes, and runs scripts/cluster-smoke.mjs (the kind
// job's smoke) through it. The one rule that changes what the manifests say (mapToLocal):
// in-cluster host names and ports become local ones (each container port a free port, HOST
// loopback, the pod range trusted as proxies the loopback address nginx connects from), and the
// data stores are the machine's shared PostgreSQL and Redis with this run's own database and key
// prefix (their credentials are the local servers', not the manifests').
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- manifests read from YAML are walked loosely; each use checks its shape */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import pg from 'pg';
import { parseAllDocuments } from 'yaml';
import { freePort } from '../../test/support/process-harness';
import { LOCAL_LLM_API_KEY } from '../charts/app-secrets';
import { local } from '../environments/local';
import { REPO_ROOT } from '../synth/paths';
import { containerEnvironment, containerProcess, type K8sObject } from './kubelet-env';
import { nginxConfig } from './nginx-from-routes';
import { OtlpReceiver } from './otlp-receiver';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const DEADLINE_MS = 150_000;
const run = `rehearse_${process.pid}_${Date.now()}`;
const started = Date.now();

function objectsOf(folder: string): K8sObject[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.k8s.yaml'))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(join(folder, file), 'utf8')).map((d) => d.toJS() as K8sObject));
}

/** ENTRYPOINT and CMD of each app's stage in the Dockerfile, which the containers do not override. */
function imageProcess(app: string): { entrypoint: string[]; cmd: string[] } {
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  const stage = dockerfile.split(/^FROM /m).find((part) => part.startsWith(`runtime AS ${app}\n`)) ?? '';
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(stage)?.[1] ?? '[]') as string[];
  return { entrypoint, cmd };
}

const children: ChildProcess[] = [];
function start(name: string, argv: string[], options: { cwd: string; env: Record<string, string> }): ChildProcess {
  const [command, ...args] = argv;
  const child = spawn(command ?? '', args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${name} exited with ${code}:\n${log.join('').slice(-3000)}`);
  });
  return child;
}

async function untilOk(url: string, what: string): Promise<void> {
  for (;;) {
    if (Date.now() - started > DEADLINE_MS) throw new Error(`${what}: not ready before the deadline`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return;
    await sleep(250);
  }
}

async function main(): Promise<void> {
  const objects = objectsOf(join(REPO_ROOT, 'charts-out', 'local'));
  // The apps; the local alert sink (monitoring) needs an Alertmanager the rehearsal does not run.
  const deployments = objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === local.namespace);
  const routes = objects.filter((o) => o.kind === 'HTTPRoute');
  const services = objects.filter((o) => o.kind === 'Service');
  const work = mkdtempSync(join(tmpdir(), 'k8s-rehearse-'));
  chmodSync(work, 0o755);
  const receiver = new OtlpReceiver();
  const otlp = await receiver.listen();
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${run}"`);
  const database = new URL(DATABASE_URL);
  database.pathname = `/${run}`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();

  try {
    // Every container port of the manifests gets a free local port.
    const ports = new Map<number, number>();
    for (const deployment of deployments) {
      for (const container of deployment.spec.template.spec.containers as K8sObject[]) {
        for (const port of (container.ports ?? []) as { containerPort: number }[])
          ports.set(port.containerPort, await freePort());
      }
    }
    const servicePort = (name: string, port: number, namespace: string): number => {
      const service = services.find((s) => s.metadata.name === name && s.metadata.namespace === namespace);
      const target = (service?.spec.ports as { port: number; targetPort: number }[] | undefined)?.find(
        (p) => p.port === port,
      )?.targetPort;
      const local = target !== undefined ? ports.get(target) : undefined;
      if (local === undefined) throw new Error(`Service ${namespace}/${name}:${port} serves no rehearsed container`);
      return local;
    };

    /** The mapping rule: cluster addresses to local ones (see the header comment). */
    const mapToLocal = (app: string, env: Record<string, string>): Record<string, string> => {
      const mapped: Record<string, string> = { ...env, HOST: '127.0.0.1', REDIS_KEY_PREFIX: `${run}:${app}:` };
      // The pod range the apps trust as proxies is, here, the loopback address nginx connects from.
      if (env.HTTP_TRUST_PROXY === local.network.podCidr) mapped.HTTP_TRUST_PROXY = '127.0.0.1';
      if (env.PORT !== undefined) mapped.PORT = String(ports.get(Number(env.PORT)));
      for (const [key, value] of Object.entries(env)) {
        if (!/^\w+:\/\/[^/]*\.svc\.cluster\.local/.test(value)) continue;
        const url = new URL(value);
        const [name = '', namespace = ''] = url.hostname.split('.');
        if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') mapped[key] = database.toString();
        else if (url.protocol === 'redis:') mapped[key] = REDIS_URL;
        else if (name === 'tempo') mapped[key] = otlp;
        else {
          url.hostname = '127.0.0.1';
          url.port = String(servicePort(name, Number(url.port || 80), namespace));
          mapped[key] = url.toString().replace(/\/$/, value.endsWith('/') ? '/' : '');
        }
      }
      return mapped;
    };

    const apps = deployments.map((deployment) => {
      const app = deployment.metadata.name;
      const pod = { name: `${app}-rehearsal`, namespace: deployment.metadata.namespace ?? 'default' };
      // The image's /app: dist/ is this app's build output, as the Dockerfile copies it.
      const root = join(work, app);
      mkdirSync(root);
      symlinkSync(join(REPO_ROOT, 'dist', 'apps', app), join(root, 'dist'));
      return { deployment, app, pod, root, image: imageProcess(app) };
    });
    const node = (argv: string[]) => argv.map((part) => (part === '/nodejs/bin/node' ? process.execPath : part));

    for (const { deployment, app, pod, root, image } of apps) {
      for (const init of (deployment.spec.template.spec.initContainers ?? []) as K8sObject[]) {
        const env = mapToLocal(app, containerEnvironment(init, pod, objects));
        const child = start(`${app}/${init.name as string}`, node(containerProcess(init, image, env)), {
          cwd: root,
          env,
        });
        const code = await new Promise<number | null>((done) => child.on('exit', done));
        if (code !== 0) throw new Error(`${app}: init container ${init.name as string} exited with ${code}`);
        console.log(`${app}: init container ${init.name as string} done`);
      }
    }
    for (const { deployment, app, pod, root, image } of apps) {
      const [container] = deployment.spec.template.spec.containers as K8sObject[];
      const env = mapToLocal(app, containerEnvironment(container as K8sObject, pod, objects));
      start(app, node(containerProcess(container as K8sObject, image, env)), { cwd: root, env });
      const probe = container?.readinessProbe.httpGet as { path: string; port: number };
      await untilOk(`http://127.0.0.1:${ports.get(probe.port)}${probe.path}`, `${app} readiness (${probe.path})`);
      console.log(`${app}: ready on 127.0.0.1:${ports.get(probe.port)}`);
    }

    const gatewayPort = await freePort();
    const prefix = join(work, 'nginx');
    mkdirSync(prefix, { mode: 0o755 });
    writeFileSync(
      join(prefix, 'nginx.conf'),
      nginxConfig({
        routes,
        listen: `127.0.0.1:${gatewayPort}`,
        prefix,
        backend: (name, port, namespace) => ({ host: '127.0.0.1', port: servicePort(name, port, namespace) }),
      }),
    );
    start('nginx', [NGINX, '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
      cwd: prefix,
      env: {},
    });
    const hosts = routes.flatMap((route) => route.spec.hostnames as string[]);
    console.log(`nginx: 127.0.0.1:${gatewayPort} routes ${hosts.join(', ')}`);

    const targets = routes.map(
      (route) => `${route.metadata.name}=http://${(route.spec.hostnames as string[])[0]}:${gatewayPort}`,
    );
    const smoke = spawn(
      process.execPath,
      [
        '--import',
        join(__dirname, 'resolve-route-hosts.mjs'),
        join(REPO_ROOT, 'scripts', 'cluster-smoke.mjs'),
        ...targets,
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          REHEARSE_HOSTS: hosts.join(','),
          LLM_SMOKE_API_KEY: LOCAL_LLM_API_KEY,
          SMOKE_TRACES_URL: otlp,
          // Clients at addresses of their own: 127.0.0.1 is the proxy's, which the apps trust.
          SMOKE_CLIENT_ADDRESS: '127.0.0.3',
          SMOKE_SECOND_CLIENT_ADDRESS: '127.0.0.2',
        },
      },
    );
    const code = await new Promise<number | null>((done) => smoke.on('exit', done));
    if (code !== 0) throw new Error(`cluster-smoke.mjs failed (exit ${code})`);
    console.log(
      `k8s:rehearse: passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${receiver.traceCount} traces received)`,
    );
  } finally {
    for (const child of children) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await sleep(500);
    receiver.close();
    await admin.query(`DROP DATABASE IF EXISTS "${run}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    // Only this run's keys: the shared Redis is never flushed.
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${run}:*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`k8s:rehearse: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
