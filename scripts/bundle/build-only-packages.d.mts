import type { Dirent } from 'node:fs';

/** What the runtime image's node_modules leaves out: see build-only-packages.mjs. */
export declare const BUILD_ONLY_PACKAGES: readonly string[];
export declare const UNLOADED_FOLDERS: Readonly<Record<string, string>>;
export declare function leftOutOfImage(
  relativePath: string,
  platform?: { readonly platform?: string; readonly arch?: string },
): boolean;
export declare function walkLeftOut(
  root: string,
  visit: (path: string, entry: Dirent) => void,
  platform?: { readonly platform?: string; readonly arch?: string },
): void;
export declare function removeBuildOnlyPackages(nodeModules: string): void;
