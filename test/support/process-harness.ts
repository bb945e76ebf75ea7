import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a process whose output is kept for assertions and error messages. */
export function startProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): StartedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs` with `what` in the message. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}

/** A loopback port free right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartedApp {
  readonly process: StartedProcess;
  /** http://127.0.0.1:<port>, as the app printed it. */
  readonly baseUrl: string;
}

/**
 * A built app (`npm run build`) as its own process, as `npm start` runs it:
 * loopback, JSON logs, no drain delay and any free port unless `env` says
 * otherwise. Resolves once the app prints the URL it serves.
 */
export function startBuiltApp(app: 'sample-app' | 'llm-app', env: NodeJS.ProcessEnv): Promise<StartedApp> {
  return startAppProcess(app, [join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`)], env);
}

/** The same, run from its TypeScript sources (no build needed): scripts/run-from-source.mjs. */
export function startSourceApp(app: 'sample-app' | 'llm-app', env: NodeJS.ProcessEnv): Promise<StartedApp> {
  return startAppProcess(app, [join(ROOT, 'scripts/run-from-source.mjs'), join(ROOT, `apps/${app}/src/main.ts`)], env);
}

async function startAppProcess(app: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<StartedApp> {
  const started = startProcess(process.execPath, args, {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_FORMAT: 'json',
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    ...env,
  });
  // A process that dies at start fails the wait at once rather than after its timeout.
  type Outcome = { readonly url: string } | { readonly exitCode: number };
  const outcome = await waitFor<Outcome>(`${app} to listen`, () => {
    const url = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1];
    if (url !== undefined) return Promise.resolve({ url });
    const { exitCode } = started.child;
    return Promise.resolve(exitCode === null ? undefined : { exitCode });
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${started.output()}`);
  });
  if ('exitCode' in outcome)
    throw new Error(`${app} exited (${outcome.exitCode}) before it was ready\n${started.output()}`);
  return { process: started, baseUrl: outcome.url };
}
