// Every server of the bench runs under the production Deployment's memory limit, in a memory
// cgroup of its own, where this machine lets the bench make one (root, with cgroup v2's or v1's
// memory controller). Node sizes V8's heap from the memory it may use (the cgroup's limit, else the
// host's): on this 24 GB machine a 4 GB old generation and 64 MB semi-spaces, in a 512 Mi pod about
// 256 MB and 1 MB. Measured without the limit, CPU per request and RSS would describe a process no
// pod runs (decision 0149).
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Kubernetes binary quantities as the environments write them (`512Mi`, `1Gi`), in bytes. */
export function quantityBytes(quantity: string): number {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity}: expected digits with Ki, Mi or Gi`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

interface CgroupLayout {
  /** The folder new cgroups are made in. */
  readonly parent: string;
  /** The file the limit goes into. */
  readonly limitFile: string;
}

function layout(): CgroupLayout | undefined {
  const v2 = '/sys/fs/cgroup';
  if (existsSync(join(v2, 'cgroup.controllers'))) {
    const enabled = readFileSync(join(v2, 'cgroup.subtree_control'), 'utf8').split(/\s+/);
    if (enabled.includes('memory')) return { parent: v2, limitFile: 'memory.max' };
  }
  const v1 = '/sys/fs/cgroup/memory';
  if (existsSync(join(v1, 'memory.limit_in_bytes'))) return { parent: v1, limitFile: 'memory.limit_in_bytes' };
  return undefined;
}

export interface MemoryCgroup {
  /** The file a process writes its pid into to join. */
  readonly procsFile: string;
  remove(): void;
}

let made = 0;

/**
 * A memory cgroup limited to `bytes`, or undefined where the bench cannot make one (not root, no
 * memory controller): the bench then says so beside its figures.
 */
export function memoryCgroup(bytes: number): MemoryCgroup | undefined {
  const where = layout();
  if (where === undefined) return undefined;
  const folder = join(where.parent, `nest-bench-${process.pid}-${(made += 1)}`);
  try {
    mkdirSync(folder);
    writeFileSync(join(folder, where.limitFile), String(bytes));
  } catch {
    return undefined;
  }
  return {
    procsFile: join(folder, 'cgroup.procs'),
    // A cgroup goes once its processes have exited; a leftover empty one is harmless.
    remove: () => {
      try {
        rmdirSync(folder);
      } catch {
        /* still has a process, or already gone */
      }
    },
  };
}

/** `command args…` run inside the cgroup: a shell joins it, then execs the command (same pid). */
export function insideCgroup(cgroup: MemoryCgroup, command: string, args: readonly string[]): [string, string[]] {
  return ['/bin/sh', ['-c', 'echo $$ > "$1" && shift && exec "$@"', 'sh', cgroup.procsFile, command, ...args]];
}
