// Proves the README's `npm start`: both apps come up on :8080 and :8081 with
// /health answering 200, the defaults wire sample-app's summaries to llm-app, and one Ctrl-C (SIGINT to the process group, as a
// terminal sends it) leaves no process and no listening port behind.
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { summariseAnItemThroughLlmApp } from './bundle/app-checks.mjs';

const PORTS = [8080, 8081];
const START_TIMEOUT_MS = 180_000;

async function healthy(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200 && (await response.json()).status === 'ok';
  } catch {
    return false;
  }
}

async function listening(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

for (const port of PORTS) {
  if (await listening(port)) {
    console.error(`port ${port} is already in use; stop whatever listens there first`);
    process.exit(1);
  }
}

const child = spawn('npm', ['start'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

const fail = (message) => {
  console.error(`${message}\n--- npm start output ---\n${output.slice(-6_000)}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  process.exit(1);
};

const deadline = Date.now() + START_TIMEOUT_MS;
while (!(await Promise.all(PORTS.map(healthy))).every(Boolean)) {
  if (Date.now() > deadline) fail(`npm start: /health did not answer 200 on ports ${PORTS.join(', ')}`);
  if (child.exitCode !== null) fail('npm start exited before both apps were healthy');
  await sleep(500);
}
for (const port of PORTS) {
  if (!output.includes(`ready at http://127.0.0.1:${port}`)) fail(`npm start did not print the URL of port ${port}`);
}
console.log('both apps answer /health with 200');
await summariseAnItemThroughLlmApp('http://127.0.0.1:8080').catch((error) => fail(`item summary: ${error.message}`));
console.log('sample-app summarised an item through llm-app with the defaults');

process.kill(-child.pid, 'SIGINT');
const stopped = await Promise.race([exited, sleep(20_000).then(() => undefined)]);
if (stopped === undefined) fail('npm start did not stop within 20 s of SIGINT');

// npm itself may exit before its children finish their shutdown: give the group 15 s.
const groupAlive = () => {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false; // ESRCH: no process left in the group
  }
};
const groupDeadline = Date.now() + 15_000;
while (groupAlive()) {
  if (Date.now() > groupDeadline) {
    const left = spawnSync('ps', ['-o', 'pid,stat,cmd', '-g', String(child.pid)]).stdout.toString();
    fail(`processes of npm start are still running 15 s after Ctrl-C:\n${left}`);
  }
  await sleep(250);
}
const survivors = await Promise.all(PORTS.map(listening));
if (survivors.some(Boolean)) fail('a port is still open after Ctrl-C');
console.log('Ctrl-C stopped both apps; no process or port left behind');
