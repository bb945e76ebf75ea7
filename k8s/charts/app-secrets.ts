import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppIdentity, secretEnvNamesFor } from '@app/config';
import { localCredential } from './local-credentials';

/** Committed, local-only RSA key (see k8s/environments/local-keys/README.md): a PEM cannot be derived from a seed. */
const LOCAL_JWT_SIGNING_KEY_FILE = join(
  __dirname,
  '..',
  'environments',
  'local-keys',
  'LOCAL-ONLY-jwt-signing-key.pem',
);

/** Annotations on every generated Secret: its values are public and for a throwaway local cluster only. */
export const LOCAL_ONLY_ANNOTATIONS: Readonly<Record<string, string>> = {
  'nest-k8s-observability/local-only': 'true',
  'nest-k8s-observability/note':
    'Public, committed, deterministic credentials (the signing key is k8s/environments/local-keys/LOCAL-ONLY-jwt-signing-key.pem): never use them outside a local cluster.',
};

/** The API key llm-app accepts in the local environment (public: it is derived from a fixed seed). */
export const LOCAL_LLM_API_KEY = localCredential('llm-app/api-key');

/**
 * Local values for those keys: the connection URLs of the in-cluster stores,
 * the committed local signing key, and for any other secret a generated
 * local-only token.
 */
export function localSecretValues(
  identity: AppIdentity,
  urls: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const known: Record<string, string | undefined> = {
    ...urls,
    AUTH_JWT_PRIVATE_KEY: readFileSync(LOCAL_JWT_SIGNING_KEY_FILE, 'utf8'),
    // llm-app is configured with the digest only; the key itself is LOCAL_LLM_API_KEY.
    LLM_API_KEY_SHA256: createHash('sha256').update(LOCAL_LLM_API_KEY).digest('hex'),
    // No upstreams beyond LLM_UPSTREAM_* locally, so no keys for them.
    LLM_UPSTREAM_API_KEYS: '',
    // sample-app speaks for its API-key callers with that same key.
    LLM_GATEWAY_API_KEY: LOCAL_LLM_API_KEY,
  };
  return Object.fromEntries(
    secretEnvNamesFor(identity).map((key) => [key, known[key] ?? localCredential(`${identity.name}/${key}`)]),
  );
}
