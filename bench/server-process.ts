import { type ChildProcess, spawn } from 'node:child_process';
import { production } from '../k8s/environments/production';
import { freePort } from '../test/support/process-harness';
import { insideCgroup, memoryCgroup, quantityBytes } from './memory-limit';
import { CAN_PIN, SERVER_CORE } from './process-stats';

/** An app pod's memory limit in the production environment: every bench server runs under it. */
export const POD_MEMORY_LIMIT = production.appDefaults.resources.limits.memory;

export interface Server {
  readonly baseUrl: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first 200 on the readiness path. */
  readonly bootMs: number;
  /** Whether it runs under the pod's memory limit (a cgroup of its own); false where none could be made. */
  readonly memoryLimited: boolean;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** The path that answers 200 once the server can take traffic. @default '/health' */
  readonly readyPath?: string;
  /** Node flags before the script (a preload module, say). @default [] */
  readonly nodeArgs?: readonly string[];
  /** Arguments after the script. @default [] */
  readonly args?: readonly string[];
  /** The environment variable that carries the port. @default 'PORT' */
  readonly portVariable?: string;
  /** The memory the process may use, as a Kubernetes quantity. @default POD_MEMORY_LIMIT */
  readonly memoryLimit?: string;
}

/**
 * Starts a server process pinned to the server core (where `taskset` exists), with its output
 * discarded (a per-request log line piped into this process would load the load generator's
 * core), and waits until the readiness path answers 200.
 */
export async function startServer(
  script: string,
  env: Record<string, string | undefined>,
  options: ServerOptions = {},
): Promise<Server> {
  const port = await freePort();
  const nodeCommand = [
    ...(options.nodeArgs ?? []),
    script,
    ...(options.args ?? []).map((arg) => arg.replace('{port}', String(port))),
  ];
  const [pinned, pinnedArgs] = CAN_PIN
    ? ['taskset', ['-c', String(SERVER_CORE), process.execPath, ...nodeCommand]]
    : [process.execPath, nodeCommand];
  const cgroup = memoryCgroup(quantityBytes(options.memoryLimit ?? POD_MEMORY_LIMIT));
  const [command, args] = cgroup ? insideCgroup(cgroup, pinned, pinnedArgs) : [pinned, pinnedArgs];
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env, HOST: '127.0.0.1', [options.portVariable ?? 'PORT']: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve())).then(() => cgroup?.remove());
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    let answer = 'no answer';
    const up = await fetch(`${baseUrl}${options.readyPath ?? '/health'}`).then(
      async (response) => {
        if (!response.ok) answer = `${response.status} ${(await response.text()).slice(0, 500)}`;
        return response.ok;
      },
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      // Not left running behind a failed run: the caller never gets a handle to stop it.
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within 60 s (last answer: ${answer}):\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const bootMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${script}: no pid`);
  return {
    baseUrl,
    pid: child.pid,
    bootMs,
    memoryLimited: cgroup !== undefined,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
