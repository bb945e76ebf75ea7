// `npm run test:mutation [-- <module>...] [-- --changed [--base <ref>]]`
// Runs Stryker over each critical module (scripts/mutation-modules.mjs) in turn, each with its
// own incremental file (test/mutation/<module>.incremental.json, committed: a later run re-tests
// only the mutants whose code or covering tests changed), then prints one score per module.
// --changed mutates only the lines of critical files added or changed since <ref> (default: main,
// else origin/main), reusing the committed results for the rest; it is what .ci/run runs.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { modules } from './mutation-modules.mjs';

const args = process.argv.slice(2);
const changedOnly = args.includes('--changed');
const baseAt = args.indexOf('--base');
const base = baseAt >= 0 ? args[baseAt + 1] : undefined;
const named = args.filter((arg, index) => !arg.startsWith('--') && (baseAt < 0 || index !== baseAt + 1));
const unknown = named.filter((name) => !(name in modules));
if (unknown.length > 0) {
  console.error(`unknown module ${unknown.join(', ')}; modules: ${Object.keys(modules).join(', ')}`);
  process.exit(2);
}

// A file moved or renamed would otherwise drop out of mutation testing without a word.
const stale = Object.entries(modules).flatMap(([name, globs]) =>
  globs.filter((glob) => globSync(glob).length === 0).map((glob) => `${name}: ${glob}`),
);
if (stale.length > 0) {
  console.error(`these globs of scripts/mutation-modules.mjs match no file:\n  ${stale.join('\n  ')}`);
  process.exit(2);
}

if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  console.error('test:mutation runs the integration specs too: set DATABASE_URL and REDIS_URL');
  process.exit(2);
}

const git = (...gitArgs) => spawnSync('git', gitArgs, { encoding: 'utf8' });

/** The lines added or changed since the base, per file: what --changed mutates. */
function changedLines() {
  const candidates = base ? [base] : ['main', 'origin/main'];
  const ref = candidates.find((candidate) => git('rev-parse', '--verify', '--quiet', candidate).status === 0);
  if (ref === undefined) {
    console.error(`no base to compare with (${candidates.join(', ')}); pass --base <ref>`);
    process.exit(2);
  }
  console.log(`mutating the critical lines changed since ${ref}`);
  const lines = new Map();
  // Committed changes since the branch left the base, and uncommitted ones on top.
  for (const range of [[`${ref}...HEAD`], ['HEAD']]) {
    const diff = git('diff', '--unified=0', '--no-color', '--diff-filter=AMR', ...range);
    if (diff.status !== 0) throw new Error(diff.stderr);
    let file;
    for (const line of diff.stdout.split('\n')) {
      if (line.startsWith('+++ ')) file = line.startsWith('+++ b/') ? line.slice(6) : undefined;
      const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk && file) {
        const start = Number(hunk[1]);
        const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
        if (count > 0) lines.set(file, [...(lines.get(file) ?? []), `${start}-${start + count - 1}`]);
      }
    }
  }
  return lines;
}

const changed = changedOnly ? changedLines() : undefined;
const isMutated = (file) => !/[.-]spec\.ts$/.test(file) && existsSync(file);
const plan = [];
for (const name of named.length > 0 ? named : Object.keys(modules)) {
  const files = changed
    ? [...changed]
        .filter(([file]) => isMutated(file) && modules[name].some((glob) => matchesGlob(file, glob)))
        .flatMap(([file, ranges]) => ranges.map((range) => `${file}:${range}`))
    : undefined;
  if (files === undefined || files.length > 0) plan.push({ name, files });
}
if (plan.length === 0) {
  console.log('no critical module changed: nothing to mutate');
  process.exit(0);
}

const env = { ...process.env, E2E_EMBEDDED: 'true' };
let failed = false;
for (const { name, files } of plan) {
  console.log(`\n=== mutation: ${name}${files ? ` (${files.join(', ')})` : ''} ===`);
  const result = spawnSync('npx', ['stryker', 'run', '--incremental'], {
    stdio: 'inherit',
    env: { ...env, MUTATION_MODULE: name, ...(files ? { MUTATION_FILES: files.join(',') } : {}) },
  });
  if (result.status !== 0) failed = true;
}

/** Stryker's score: detected over valid mutants (compile errors and ignored ones are not valid). */
function score(name) {
  const path = `reports/mutation/${name}/mutation.json`;
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const counts = {};
  for (const file of Object.values(report.files))
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const undetected = (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { detected, undetected, score: (100 * detected) / Math.max(1, detected + undetected) };
}

console.log('\nmodule            score   killed  survived');
for (const { name } of plan) {
  const result = score(name);
  if (result === undefined) console.log(`${name.padEnd(16)}  (no report)`);
  else
    console.log(
      `${name.padEnd(16)} ${result.score.toFixed(1).padStart(5)} %  ${String(result.detected).padStart(6)}  ${String(result.undetected).padStart(8)}`,
    );
}
process.exit(failed ? 1 : 0);
