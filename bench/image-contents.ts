// Row B10 of `npm run bench`: what the runtime image ships, the build output plus the lock file's
// production packages less what the image leaves out of them (scripts/bundle/build-only-packages.mjs),
// in total and by package, so the floor is visible.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { leftOutOfImage } from '../scripts/bundle/build-only-packages.mjs';

/**
 * Size in MB of a directory tree (files only, symlinks not followed). Under node_modules,
 * `relative` is the tree's path inside it, and what the image leaves out is not counted.
 */
function treeMb(path: string, relative?: string): number {
  let bytes = 0;
  const walk = (dir: string, inside: string | undefined): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const under = inside === undefined ? undefined : `${inside}/${entry.name}`;
      if (under !== undefined && leftOutOfImage(under)) continue;
      if (entry.isDirectory()) walk(full, under);
      else if (entry.isFile()) bytes += statSync(full).size;
    }
  };
  if (existsSync(path)) walk(path, relative);
  return bytes / 1024 / 1024;
}

export interface ImageContents {
  readonly totalMb: number;
  readonly typescript: boolean;
  /** The build output and every top-level package (with what is nested in it), largest first. */
  readonly parts: readonly { readonly name: string; readonly mb: number }[];
}

export function imageContents(root: string): ImageContents {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  // `npm ci --omit=dev` drops `dev` packages only: a `devOptional` one (an optional peer of a
  // production package, as typescript is of @nestjs/swagger) is still installed, and the
  // Dockerfile removes the build-only ones afterwards (scripts/bundle/build-only-packages.mjs).
  const production = Object.entries(lock.packages).filter(
    ([path, entry]) =>
      path.startsWith('node_modules/') && entry.dev !== true && !leftOutOfImage(path.slice('node_modules/'.length)),
  );
  // Nested packages sit inside their parent's folder: count top-level folders only once.
  const topLevel = production.filter(([path]) => !path.slice('node_modules/'.length).includes('/node_modules/'));
  const parts = [
    { name: 'dist (the build output)', mb: treeMb(join(root, 'dist')) },
    ...topLevel.map(([path]) => {
      const name = path.slice('node_modules/'.length);
      return { name, mb: treeMb(join(root, path), name) };
    }),
  ].sort((a, b) => b.mb - a.mb);
  return {
    totalMb: parts.reduce((sum, part) => sum + part.mb, 0),
    typescript: production.some(([path]) => path === 'node_modules/typescript'),
    parts,
  };
}
