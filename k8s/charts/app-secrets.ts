import { type AppIdentity, SECRET_ENV_NAMES } from '@app/config';
import { localCredential } from './local-credentials';

/** The secret variables an app reads: all of SECRET_ENV_NAMES, less the database ones for an app without a database. */
export function secretKeysFor(identity: AppIdentity): string[] {
  return SECRET_ENV_NAMES.filter((name) => identity.usesDatabase || !name.startsWith('DATABASE_'));
}

/**
 * Local values for those keys: the connection URLs of the in-cluster stores, and for any
 * other (future) secret a generated local-only token.
 */
export function localSecretValues(
  identity: AppIdentity,
  urls: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    secretKeysFor(identity).map((key) => [key, urls[key] ?? localCredential(`${identity.name}/${key}`)]),
  );
}
