// Packages `npm ci --omit=dev` installs that nothing at run time loads, removed from the
// runtime image's node_modules (decision 0112). `typescript` is a devDependency and an optional
// peer of @nestjs/swagger (for its compiler plugin, used only by `nest build`): npm marks it
// `devOptional` and keeps it with --omit=dev, 23 MB the image never runs.
// `node scripts/bundle/build-only-packages.mjs <node_modules>` removes them (the Dockerfile's prod-deps stage).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILD_ONLY_PACKAGES = ['typescript'];

export function removeBuildOnlyPackages(nodeModules) {
  for (const name of BUILD_ONLY_PACKAGES) rmSync(join(nodeModules, name), { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [nodeModules] = process.argv.slice(2);
  if (!nodeModules) throw new Error('usage: node scripts/bundle/build-only-packages.mjs <node_modules>');
  removeBuildOnlyPackages(nodeModules);
}
