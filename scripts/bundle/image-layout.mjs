// Lays out, in a temporary folder, exactly what the Dockerfile's runtime stage puts in
// /app for each app: package.json, production-only node_modules, and dist/ holding that
// app's build output (dist/apps/<app>/src/main.js). Nothing else from the repository.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuildOnlyPackages } from './build-only-packages.mjs';

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * The prod-deps stage: `npm ci --omit=dev` from the lock file, the same command as the
 * Dockerfile, so a runtime package declared as a devDependency (or a lock file out of
 * sync) fails here as it would in the image build; then the build-only packages go, as there.
 */
export function installProductionDependencies(repoRoot, folder) {
  mkdirSync(folder, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(repoRoot, file), join(folder, file));
  run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: folder,
  });
  removeBuildOnlyPackages(join(folder, 'node_modules'));
  return join(folder, 'node_modules');
}

/** One app's /app: package.json, node_modules (hard links to the shared install), dist/. */
export function layOutImage(repoRoot, app, nodeModules, folder) {
  const built = join(repoRoot, 'dist', 'apps', app);
  if (!existsSync(join(built, 'apps', app, 'src', 'main.js')))
    throw new Error(`${built}: no build output; run the build first`);
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(folder, 'package.json'));
  // Hard links: each image gets its own node_modules tree without copying 250 MB twice.
  run('cp', ['-al', nodeModules, join(folder, 'node_modules')]);
  // COPY dist/apps/<app> ./dist  →  /app/dist/apps/<app>/src/main.js
  cpSync(built, join(folder, 'dist'), { recursive: true });
  return folder;
}
