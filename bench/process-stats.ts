import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second: the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time a process has used so far (user + system), in microseconds, from
 * /proc/<pid>/stat. Only the server's own CPU counts: the load generator runs
 * in another process (on another core where `taskset` exists).
 */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / CLOCK_TICKS;
}

/** Resident set size in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** `taskset` pins the load generator and the servers to different cores when there are two or more. */
export const CAN_PIN =
  existsSync('/usr/bin/taskset') && (Number(execFileSync('nproc', { encoding: 'utf8' })) || 1) >= 2;

/** The core servers run on; the benchmark process itself (the load generator) takes core 0. */
export const SERVER_CORE = 1;

export function pinSelfToLoadCore(): void {
  if (CAN_PIN) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
}
