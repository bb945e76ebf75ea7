import { createHash } from 'node:crypto';

/**
 * Prefix of every generated local credential, so one is recognisable on sight. It is not
 * one of the placeholders production refuses (see libs/config placeholder-secret.ts):
 * the apps run with NODE_ENV=production in the cluster and must accept it.
 */
export const LOCAL_CREDENTIAL_PREFIX = 'kind-local-';

/**
 * A credential for the local environment only: derived from a fixed seed, so synth is
 * deterministic and the value is public (it is committed in charts-out/local/).
 */
export function localCredential(purpose: string): string {
  const digest = createHash('sha256').update(`nest-k8s-observability/local/${purpose}`).digest('hex');
  return `${LOCAL_CREDENTIAL_PREFIX}${digest.slice(0, 24)}`;
}
