import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from '../../support/process-harness';
import { saveAppLog } from './figures';

/** The unprivileged account the cluster runs as when the suite runs as root (initdb refuses root). */
const CLUSTER_USER = 'nko-resilience';

/**
 * A PostgreSQL cluster of the suite's own (initdb + pg_ctl on a free loopback port, socket in its own
 * directory), never the machine's shared server, so it can be stopped and frozen. Runs as the current
 * user, or as CLUSTER_USER (created if missing) when that is root, as CI is.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-pg-'));
    chmodSync(dir, 0o777);
    const cluster = new PrivatePostgres(await freePort(), dir);
    if (process.getuid?.() === 0) {
      try {
        execFileSync('id', [CLUSTER_USER], { stdio: 'ignore' });
      } catch {
        execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', CLUSTER_USER]);
      }
    }
    cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await cluster.begin();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private run(command: string, args: readonly string[]): string {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot ? ['runuser', ['-u', CLUSTER_USER, '--', command, ...args]] : [command, args];
    return execFileSync(file, argv, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** pg_ctl start; resolves once it accepts a query. */
  async begin(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    this.run('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', 'start']);
    await waitFor(`postgres on ${this.port}`, async () => ((await this.answers()) ? true : undefined), 15_000);
  }

  /** pg_ctl stop -m fast: open sessions are ended, the port refuses. */
  halt(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  /** SIGSTOP to the postmaster and every backend: sockets stay open, nothing answers. */
  freeze(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGSTOP');
  }

  thaw(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGCONT');
  }

  private pids(): number[] {
    const postmaster = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    return [postmaster, ...children];
  }

  async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A fresh database for one app (its own schema migrations, its own rows). */
  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  stop(): void {
    try {
      this.thaw();
    } catch {
      // not running
    }
    try {
      this.halt();
    } catch {
      // already stopped
    }
    try {
      saveAppLog('postgres', readFileSync(join(this.dir, 'server.log'), 'utf8'));
    } catch {
      // no log
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
