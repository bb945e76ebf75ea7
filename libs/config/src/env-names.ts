import type { AppIdentity } from './app-identity';
import { SHARED_ENV_NAMES, SHARED_SECRET_ENV_NAMES } from './shared-env';

/** Every variable one app reads: the shared groups, then its own. */
export function envNamesFor(app: AppIdentity): string[] {
  return [...SHARED_ENV_NAMES, ...(app.env?.names ?? [])];
}

/** The secret variables one app reads, so a deployment declares exactly these in its Secret. */
export function secretEnvNamesFor(app: AppIdentity): string[] {
  const shared = SHARED_SECRET_ENV_NAMES.filter((name) => {
    if (name === 'DATABASE_URL') return app.usesDatabase;
    if (name === 'AUTH_JWT_PRIVATE_KEY') return app.issuesTokens;
    return true;
  });
  return [...shared, ...(app.env?.secrets ?? [])];
}
