/**
 * Test-side view of the services CI provides. Tests read the environment here
 * (the apps never do outside libs/config). A tier that needs a service fails
 * when the variable is missing: it never silently skips.
 */
export interface ServiceUrls {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

export function requiredServiceUrls(): ServiceUrls {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const missing = [databaseUrl ? undefined : 'DATABASE_URL', redisUrl ? undefined : 'REDIS_URL'].filter(Boolean);
  if (databaseUrl === undefined || redisUrl === undefined || missing.length > 0) {
    throw new Error(`integration tests need ${missing.join(' and ')} (a reachable PostgreSQL and Redis)`);
  }
  return { databaseUrl, redisUrl };
}

/**
 * The backends an e2e run uses: the services when configured, the embedded defaults otherwise
 * (or when E2E_EMBEDDED=true: the mutation run keeps e2e on the embedded defaults while the
 * integration specs in the same Jest process use the services).
 */
export function e2eServiceEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.E2E_EMBEDDED === 'true') return env;
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  return env;
}

/** A prefix no other run or test shares, for Redis keys and SQLite files. */
export function uniqueName(label: string): string {
  return `${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
