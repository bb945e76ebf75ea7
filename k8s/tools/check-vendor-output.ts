import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { vendorOutputProblems } from '../observability/vendor-output-checks';
import { type Manifest } from '../test/manifest';
import { REPO_ROOT } from '../synth/paths';

// Checks what the project assumes about the rendered third-party charts (labels and ports the
// NetworkPolicies select, resources, pod security, no Helm hooks, Tempo without Jaeger) in
// charts-out-vendor/<env>/, which `npm run charts:pull && npm run synth` writes. Exit 1 on a problem.
let failed = false;
for (const env of ['local', 'production']) {
  const directory = join(REPO_ROOT, 'charts-out-vendor', env);
  if (!existsSync(directory)) {
    console.error(`k8s:check-vendor: ${directory} is missing; run \`npm run charts:pull && npm run synth\` first`);
    failed = true;
    continue;
  }
  const objects = readdirSync(directory)
    .filter((name) => name.endsWith('.k8s.yaml'))
    .flatMap((name) => parseAllDocuments(readFileSync(join(directory, name), 'utf8')).map((d) => d.toJS() as Manifest))
    .filter((object) => object !== null);
  const problems = vendorOutputProblems(objects);
  if (problems.length === 0) {
    console.log(`k8s:check-vendor: ${env}: ${objects.length} objects hold every assumption`);
    continue;
  }
  failed = true;
  console.error(`k8s:check-vendor: ${env}: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
}
if (failed) process.exitCode = 1;
