// The environment each app starts with in the bundle smoke test: built from scratch (not
// inherited from the developer's shell), as a container's would be. With DATABASE_URL and
// REDIS_URL given (CI always sets both) the apps run as the image does, NODE_ENV=production
// on PostgreSQL and Redis; otherwise in development mode on SQLite under the writable /tmp.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { LLM_SMOKE_API_KEY } from './app-checks.mjs';

export function servicesFrom(variables) {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = variables;
  return databaseUrl && redisUrl ? { databaseUrl, redisUrl } : undefined;
}

function throwawaySigningKey() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

export function appEnvironment(app, { writableTmp, services, runId }) {
  const base = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: writableTmp,
    TMPDIR: writableTmp,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_FORMAT: 'json',
    SHUTDOWN_DRAIN_DELAY_MS: '0',
  };
  if (!services) {
    return { ...base, NODE_ENV: 'development', SQLITE_PATH: join(writableTmp, `${app}.sqlite`) };
  }
  return {
    ...base,
    NODE_ENV: 'production',
    REDIS_URL: services.redisUrl,
    // Own keys, so rate-limit counters of other runs on a shared Redis do not count.
    REDIS_KEY_PREFIX: `bundle-smoke-${runId}:${app}:`,
    ...(app === 'sample-app'
      ? { DATABASE_URL: services.databaseUrl, AUTH_JWT_PRIVATE_KEY: throwawaySigningKey() }
      : { LLM_API_KEY_SHA256: createHash('sha256').update(LLM_SMOKE_API_KEY).digest('hex') }),
  };
}
