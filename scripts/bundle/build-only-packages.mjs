// What `npm ci --omit=dev` installs that nothing at run time loads, left out of the runtime image's
// node_modules (decisions 0112 and 0148). One predicate, `leftOutOfImage`, says what: the
// Dockerfile's prod-deps stage and `npm run bundle:smoke` remove it (`removeBuildOnlyPackages`), and
// `npm run bench`'s B10 row leaves it out of the image's size, so the three cannot disagree.
// `node scripts/bundle/build-only-packages.mjs <node_modules>` removes it (the Dockerfile's prod-deps stage).
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whole packages. `typescript` is a devDependency and an optional peer of @nestjs/swagger (for its
 * compiler plugin, used only by `nest build`): npm marks it `devOptional` and keeps it with
 * --omit=dev, 23 MB the image never runs.
 */
export const BUILD_ONLY_PACKAGES = ['typescript'];

/** Folders inside runtime packages that Node never loads in this image, with why. */
export const UNLOADED_FOLDERS = {
  // SQLite's amalgamation and the addon's C++ sources, for building from source: the image loads
  // the prebuilt binary of its platform (prebuilds/, below).
  'better-sqlite3/deps': 'C sources for a build from source',
  'better-sqlite3/src': 'C++ sources for a build from source',
  // typeorm's `browser` and `react-native` export conditions; Node resolves `node` (index.js).
  'typeorm/browser': 'the browser and React Native build',
  // llm-app `require`s gpt-tokenizer (apps/llm-app/src/providers/token-counter.ts): the `require`
  // condition is cjs/, which carries its encodings as JavaScript. The ESM build, the TypeScript
  // sources and the raw .tiktoken tables are for other consumers.
  'gpt-tokenizer/esm': 'the ESM build (llm-app requires the CJS one)',
  'gpt-tokenizer/src': 'TypeScript sources',
  'gpt-tokenizer/data': 'raw .tiktoken tables (cjs/ carries the encodings)',
};

/**
 * better-sqlite3 ships a prebuilt addon per platform and loads `<platform>-<arch>.node`
 * (`linuxmusl-<arch>` on musl). The image keeps both Linux flavours of its own architecture: the
 * prod-deps stage runs on the image's platform, and the pair is 4 MB of the 17.
 */
const keptPrebuilds = (platform, arch) => new Set([`${platform}-${arch}.node`, `${platform}musl-${arch}.node`]);

/**
 * Whether a path under node_modules (posix, relative to it: `typeorm/browser`,
 * `better-sqlite3/prebuilds/win32-x64.node`) stays out of the image. Source maps (`*.map`) do
 * too: Node reads them only with --enable-source-maps, which the image does not set, and
 * swagger-ui's are fetched only by a browser's developer tools.
 */
export function leftOutOfImage(relativePath, { platform = process.platform, arch = process.arch } = {}) {
  if (BUILD_ONLY_PACKAGES.includes(relativePath)) return true;
  if (Object.hasOwn(UNLOADED_FOLDERS, relativePath)) return true;
  const prebuild = /^better-sqlite3\/prebuilds\/([^/]+\.node)$/.exec(relativePath);
  if (prebuild) return !keptPrebuilds(platform, arch).has(prebuild[1]);
  return relativePath.endsWith('.map');
}

/** Calls `visit` with each path under `root` that is left out, without descending into them. */
export function walkLeftOut(root, visit, platform) {
  const walk = (dir, relative) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (leftOutOfImage(path, platform)) visit(join(dir, entry.name), entry);
      else if (entry.isDirectory()) walk(join(dir, entry.name), path);
    }
  };
  walk(root, '');
}

export function removeBuildOnlyPackages(nodeModules) {
  walkLeftOut(nodeModules, (path) => rmSync(path, { recursive: true, force: true }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [nodeModules] = process.argv.slice(2);
  if (!nodeModules) throw new Error('usage: node scripts/bundle/build-only-packages.mjs <node_modules>');
  removeBuildOnlyPackages(nodeModules);
}
