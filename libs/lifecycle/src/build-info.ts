import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly buildTime: string;
}

export const BUILD_INFO_FILE = 'build-info.json';

/**
 * Written next to the compiled app by `npm run build` (scripts/write-build-info.mjs)
 * and baked into the image; read once at boot. Without it (tests run from
 * source) the values say so rather than guess.
 */
export function readBuildInfo(directory: string): BuildInfo {
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

export const BUILD_INFO = Symbol('BUILD_INFO');
