import { createHash } from 'node:crypto';

/** A stable digest of configuration data: same data, same digest, whatever the key order. */
export function configChecksum(...maps: readonly Readonly<Record<string, string>>[]): string {
  const hash = createHash('sha256');
  for (const map of maps) {
    for (const key of Object.keys(map).sort()) hash.update(`${key}=${map[key]}\n`);
    hash.update('\0');
  }
  return hash.digest('hex');
}
