// Bakes version, commit and build time into each built app (build-info.json
// next to its main.js), which /info and app_build_info report. In the image
// build GIT_COMMIT and BUILD_TIME come in as build args; locally from git.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function gitCommit() {
  if (process.env.GIT_COMMIT) return process.env.GIT_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

const buildTime = process.env.BUILD_TIME || new Date().toISOString();
const info = { version, commit: gitCommit(), buildTime };

// The apps nest-cli.json builds (checked against apps/registry.ts by scripts/registry/app-consumers.spec.ts).
const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
const apps = Object.entries(nestCli.projects)
  .filter(([, project]) => project.type === 'application')
  .map(([name]) => name);
for (const app of apps) {
  const folder = join(root, 'dist', 'apps', app, 'apps', app, 'src');
  if (!existsSync(join(folder, 'main.js'))) continue;
  writeFileSync(join(folder, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  console.log(`${app}: build ${info.version} (${info.commit.slice(0, 12)}) at ${info.buildTime}`);
}
