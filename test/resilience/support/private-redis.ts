import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { type StartedProcess, freePort, startProcess, waitFor } from '../../support/process-harness';
import { saveAppLog } from './figures';

/**
 * A Redis of the suite's own on a free loopback port (never the machine's shared one), so it can be
 * killed, frozen and restarted. In memory only: nothing saved, nothing appended.
 */
export class PrivateRedis {
  private server: StartedProcess | undefined;
  private log = '';

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    this.server = startProcess(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { PATH: process.env.PATH },
    );
    await waitFor(`redis on ${this.port}`, async () => ((await this.ping()) ? true : undefined), 10_000);
  }

  async ping(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  /** SIGKILL: connections reset, the port refuses. */
  async kill(): Promise<void> {
    this.log += this.server?.output() ?? '';
    this.server?.child.kill('SIGKILL');
    await sleep(100);
  }

  /** Starts again on the same port (empty: it kept nothing). */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** SIGSTOP: connections stay open, nothing answers (as in a partition). */
  freeze(): void {
    this.server?.child.kill('SIGSTOP');
  }

  thaw(): void {
    this.server?.child.kill('SIGCONT');
  }

  async stop(name = 'redis'): Promise<void> {
    this.thaw();
    this.log += this.server?.output() ?? '';
    await this.server?.stop();
    saveAppLog(name, this.log);
  }
}
