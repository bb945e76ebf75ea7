import { createHash, generateKeyPairSync } from 'node:crypto';
import { type StartedApp, startBuiltApp } from '../../support/process-harness';
import { saveAppLog } from './figures';

/** One RSA signing key for the whole run: sample-app refuses to start in production without one. */
const SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

export const LLM_API_KEY = 'resilience-llm-key-not-a-secret';

/** Both apps as `npm start` runs them, in production mode, on the suite's own PostgreSQL and Redis. */
export function startSampleApp(env: {
  readonly DATABASE_URL: string;
  readonly REDIS_URL: string;
  readonly [name: string]: string;
}): Promise<StartedApp> {
  return startBuiltApp('sample-app', {
    NODE_ENV: 'production',
    AUTH_JWT_PRIVATE_KEY: SIGNING_KEY,
    RATE_LIMIT_MAX_REQUESTS: '100000',
    RATE_LIMIT_AUTH_MAX_REQUESTS: '10000',
    DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    TRACING_ENABLED: 'false',
    ...env,
  });
}

export function startLlmApp(env: { readonly REDIS_URL: string; readonly [name: string]: string }): Promise<StartedApp> {
  return startBuiltApp('llm-app', {
    NODE_ENV: 'production',
    LLM_API_KEY_SHA256: sha256(LLM_API_KEY),
    RATE_LIMIT_MAX_REQUESTS: '100000',
    LLM_SIMULATED_TTFT_MS: '5',
    LLM_SIMULATED_TOKENS_PER_SECOND: '2000',
    TRACING_ENABLED: 'false',
    ...env,
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Stops an app (SIGTERM, then SIGKILL after 10 s) and keeps its output for the log scan. */
export async function stopApp(app: StartedApp | undefined, name: string): Promise<void> {
  if (app === undefined) return;
  await app.process.stop();
  saveAppLog(name, app.process.output());
}
