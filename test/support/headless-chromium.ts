import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CHROMIUM = '/usr/bin/chromium';

export interface RenderOptions {
  /** Host names the browser resolves to 127.0.0.1, so a page is seen as a remote host would serve it. */
  readonly hostsOnLoopback?: readonly string[];
}

/** The page's DOM after its scripts ran, from Debian's headless Chromium (installed by .ci/run). */
export async function renderedDom(url: string, options: RenderOptions = {}): Promise<string> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see docs/development.md)`);
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const hosts = options.hostsOnLoopback ?? [];
  try {
    const { stdout } = await promisify(execFile)(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        ...(hosts.length > 0
          ? [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(',')}`]
          : []),
        // Lets the page's fetches finish before the DOM is printed.
        '--virtual-time-budget=5000',
        '--dump-dom',
        url,
      ],
      { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
