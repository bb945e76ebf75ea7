import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILD_ONLY_PACKAGES,
  leftOutOfImage,
  removeBuildOnlyPackages,
  UNLOADED_FOLDERS,
} from './build-only-packages.mjs';

const NODE_MODULES = join(__dirname, '..', '..', 'node_modules');
const LINUX_X64 = { platform: 'linux', arch: 'x64' };

describe('leftOutOfImage', () => {
  it('names only folders the installed packages have (a renamed folder after an upgrade would prune nothing)', () => {
    const missing = Object.keys(UNLOADED_FOLDERS).filter((folder) => !existsSync(join(NODE_MODULES, folder)));
    expect(missing).toEqual([]);
  });

  it("keeps the entry points Node resolves for the packages it prunes: typeorm's, gpt-tokenizer's CJS build, better-sqlite3's", () => {
    const entryPoints = [
      'typeorm/index.js',
      'gpt-tokenizer/cjs/main.js',
      'better-sqlite3/lib/index.js',
      'better-sqlite3/prebuilds/linux-x64.node',
    ];
    expect(entryPoints.filter((path) => leftOutOfImage(path, LINUX_X64))).toEqual([]);
    expect(entryPoints.filter((path) => !existsSync(join(NODE_MODULES, path)))).toEqual([]);
  });

  it("keeps better-sqlite3's prebuilt addon for the image's own architecture (glibc and musl) and leaves out the others", () => {
    const prebuilds = ['linux-x64', 'linuxmusl-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64'].map(
      (target) => `better-sqlite3/prebuilds/${target}.node`,
    );
    expect(prebuilds.filter((path) => !leftOutOfImage(path, LINUX_X64))).toEqual([
      'better-sqlite3/prebuilds/linux-x64.node',
      'better-sqlite3/prebuilds/linuxmusl-x64.node',
    ]);
    expect(prebuilds.filter((path) => !leftOutOfImage(path, { platform: 'linux', arch: 'arm64' }))).toEqual([
      'better-sqlite3/prebuilds/linux-arm64.node',
    ]);
  });

  it('leaves out source maps and build-only packages, and nothing that merely resembles them', () => {
    expect(leftOutOfImage('typeorm/index.js.map')).toBe(true);
    expect(leftOutOfImage('typescript')).toBe(true);
    expect(leftOutOfImage('typescript-estree')).toBe(false);
    expect(leftOutOfImage('source-map/lib/source-map-generator.js')).toBe(false);
    expect(leftOutOfImage('@nestjs/swagger/dist/plugin/index.js')).toBe(false);
  });
});

describe('removeBuildOnlyPackages', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'image-prune-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes what is left out and keeps the rest of each package', () => {
    // GIVEN a node_modules with a build-only package, a pruned folder, a source map and runtime files
    const files = [
      `${BUILD_ONLY_PACKAGES[0] ?? 'typescript'}/lib/typescript.js`,
      'typeorm/browser/index.js',
      'typeorm/index.js',
      'typeorm/index.js.map',
      'zod/index.cjs',
    ];
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    // WHEN it is pruned
    removeBuildOnlyPackages(root);
    // THEN only the runtime files remain
    expect(files.filter((file) => existsSync(join(root, file)))).toEqual(['typeorm/index.js', 'zod/index.cjs']);
    expect(existsSync(join(root, BUILD_ONLY_PACKAGES[0] ?? 'typescript'))).toBe(false);
  });
});
