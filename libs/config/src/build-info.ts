import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly buildTime: string;
}

export const BUILD_INFO_FILE = 'build-info.json';

const read = new Map<string, BuildInfo>();

/**
 * Written next to the compiled app by `npm run build` (scripts/write-build-info.mjs)
 * and baked into the image; parsed once per process (the tracing bootstrap and
 * runHttpApp both ask). Without it (tests run from source) the values say so
 * rather than guess.
 */
export function readBuildInfo(directory: string): BuildInfo {
  let info = read.get(directory);
  if (info === undefined) {
    info = parseBuildInfo(directory);
    read.set(directory, info);
  }
  return info;
}

function parseBuildInfo(directory: string): BuildInfo {
  try {
    const parsed = JSON.parse(readFileSync(join(directory, BUILD_INFO_FILE), 'utf8')) as Partial<BuildInfo>;
    return {
      version: typeof parsed.version === 'string' ? parsed.version : 'unknown',
      commit: typeof parsed.commit === 'string' ? parsed.commit : 'unknown',
      buildTime: typeof parsed.buildTime === 'string' ? parsed.buildTime : 'unknown',
    };
  } catch {
    return { version: 'dev', commit: 'unknown', buildTime: 'unknown' };
  }
}
