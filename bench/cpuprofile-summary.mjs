// `node bench/cpuprofile-summary.mjs <file.cpuprofile> [top] [skip-seconds]`: the functions with the
// most self time in a V8 CPU profile (`node --cpu-prof`), and the packages they live in, as shares of
// the sampled time outside idle. Samples of the first skip-seconds (boot) are left out unless it is 0
// (default: everything before the longest idle gap of the first 20 s, i.e. boot and warm-up wait).
// The third table charges Node's and native frames to the package that called them (a socket write
// to ioredis, a hash to jose), which is how decision 0145 attributed the instrumentations' cost.
// For reading what bench/profile.ts records; profiles are not committed.
import { readFileSync } from 'node:fs';

const [file, topArg = '25', skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg);

// Self time per node: samples are node ids at a fixed interval (timeDeltas).
const selfMicros = new Map();
const skipMicros = skipArg === undefined ? bootEnd() : Number(skipArg) * 1e6;
let at = 0;
profile.samples.forEach((id, index) => {
  at += profile.timeDeltas[index] ?? 0;
  if (at >= skipMicros) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

/** Boot ends where the process first waits: the first run of idle samples of 100 ms or more. */
function bootEnd() {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let time = 0;
  let idleSince;
  for (let i = 0; i < profile.samples.length; i += 1) {
    time += profile.timeDeltas[i] ?? 0;
    if (!idle.has(profile.samples[i])) idleSince = undefined;
    else if (idleSince === undefined) idleSince = time;
    else if (time - idleSince >= 100_000) return time;
  }
  return 0;
}
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);
const packageOf = (url) => {
  if (!url) return '(native)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(
    url.split('node_modules/').length > 1 ? url.slice(url.lastIndexOf('node_modules/')) : '',
  );
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.includes('/dist/') ? 'app (dist)' : url;
};
const byFunction = new Map();
const byPackage = new Map();
let busy = 0;
let gc = 0;
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  const name = node.callFrame.functionName || '(anonymous)';
  if (name === '(garbage collector)') gc += micros;
  if (IDLE.has(name) && name !== '(garbage collector)') continue;
  busy += micros;
  const where = `${packageOf(node.callFrame.url)} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
  const key = `${name} — ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  const pkg = name === '(garbage collector)' ? '(gc)' : packageOf(node.callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const share = (micros) => `${((micros / busy) * 100).toFixed(1).padStart(5)} %`;
console.log(`busy ${(busy / 1e6).toFixed(2)} s sampled (gc ${share(gc)})\n\nself time by package:`);
for (const [pkg, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${share(micros)}  ${pkg}`);
console.log('\nself time by function:');
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${share(micros)}  ${key}`);

// Node's own and native frames charged to the nearest caller that lives in a package or the app.
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const callerPackage = new Map();
const callerOf = (id) => {
  if (callerPackage.has(id)) return callerPackage.get(id);
  const { url } = nodeById.get(id).callFrame;
  const own = url.includes('node_modules/') || url.includes('/dist/') ? packageOf(url) : undefined;
  const parent = parentOf.get(id);
  const found = own ?? (parent === undefined ? '(no caller)' : callerOf(parent));
  callerPackage.set(id, found);
  return found;
};
const byCaller = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  const name = node.callFrame.functionName || '(anonymous)';
  if (IDLE.has(name) && name !== '(garbage collector)') continue;
  const pkg = name === '(garbage collector)' ? '(gc)' : callerOf(node.id);
  byCaller.set(pkg, (byCaller.get(pkg) ?? 0) + micros);
}
console.log('\nself time by calling package (Node and native frames charged to their caller):');
for (const [pkg, micros] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${share(micros)}  ${pkg}`);
