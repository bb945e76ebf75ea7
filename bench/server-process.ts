import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../test/support/process-harness';

export interface Server {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a server process with its output discarded (a per-request log line
 * piped into this process would load the machine the load generator runs on)
 * and waits until GET /health answers.
 */
export async function startServer(script: string, env: Record<string, string | undefined>): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    const up = await fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${script} did not answer /health within 60 s:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
