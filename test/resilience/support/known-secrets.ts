import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_DIR } from './figures';

/** Where specs list the secret values they used, for the closing log scan to look for literally. */
export const KNOWN_SECRETS_DIR = join(FIGURES_DIR, 'known-secrets');

/**
 * Records passwords, keys and tokens a spec handed to the apps, so that
 * `scripts/resilience-log-scan.mjs` fails if any of them reached a log line
 * (besides the patterns it knows: argon2 hashes, JWTs, API keys, SQL parameters).
 */
export function recordKnownSecrets(name: string, values: readonly string[]): void {
  mkdirSync(KNOWN_SECRETS_DIR, { recursive: true });
  const file = join(KNOWN_SECRETS_DIR, `${name}.json`);
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
  const all = new Set([...earlier, ...values.filter((value) => value.length >= 8)]);
  writeFileSync(file, JSON.stringify([...all]));
}
