// Runs commands as the image's user. The runtime image runs as UID/GID 65532 (distroless
// "nonroot"); CI runs as root, and root ignores file permissions, so a read-only bundle
// would prove nothing unless the process drops to that user first.
import { spawn, spawnSync } from 'node:child_process';

export const IMAGE_UID = 65532;
const runningAsRoot = process.getuid?.() === 0;

/** argv that runs `command` as the image's user when we are root, else as ourselves (already unprivileged). */
export function asImageUser(command, args) {
  if (!runningAsRoot) return [command, args];
  return ['setpriv', [`--reuid=${IMAGE_UID}`, `--regid=${IMAGE_UID}`, '--clear-groups', '--', command, ...args]];
}

export function imageUserDescription() {
  return runningAsRoot ? `UID/GID ${IMAGE_UID} (setpriv)` : `UID ${process.getuid?.()} (not root already)`;
}

export function runAsImageUser(command, args, options) {
  const [file, argv] = asImageUser(command, args);
  return spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000, ...options });
}

export function spawnAsImageUser(command, args, options) {
  const [file, argv] = asImageUser(command, args);
  // detached: its own process group, so cleanup can kill whatever it started.
  return spawn(file, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** chown a folder to the image user (the writable /tmp of the "container"), when we can. */
export function giveToImageUser(folder) {
  if (runningAsRoot) spawnSync('chown', ['-R', `${IMAGE_UID}:${IMAGE_UID}`, folder], { stdio: 'inherit' });
}
