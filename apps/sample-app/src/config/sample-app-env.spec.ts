import { type AppIdentity, configProblems, loadConfig } from '@app/config';
import { SAMPLE_APP_ENV, type SampleAppSections } from './sample-app-env';

const APP: AppIdentity<SampleAppSections> = {
  name: 'demo-app',
  defaultPort: 8080,
  usesDatabase: true,
  issuesTokens: false,
  env: SAMPLE_APP_ENV,
};
const PRODUCTION_OK = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:s3cr3t-Value@db:5432/app',
  REDIS_URL: 'redis://:An0ther-Secret@redis:6379',
  AUTH_JWKS_URL: 'http://sample-app:8080/.well-known/jwks.json',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  return configProblems(env, APP);
}

describe('LLM gateway (item summaries)', () => {
  it('asks the llm-app of the same workstation outside production, and nothing in production unless told', () => {
    expect(loadConfig({}, APP).llmGateway).toMatchObject({ url: 'http://127.0.0.1:8081', model: 'simulated' });
    expect(loadConfig(PRODUCTION_OK, APP).llmGateway.url).toBeUndefined();
    const url = 'http://llm-app.apps.svc.cluster.local:8081';
    expect(loadConfig({ ...PRODUCTION_OK, LLM_GATEWAY_URL: url }, APP).llmGateway.url).toBe(url);
  });

  it('refuses a gateway URL that is not http(s) and a timeout outside 100 ms to 10 minutes', () => {
    expect(problemsOf({ LLM_GATEWAY_URL: 'ftp://llm', LLM_GATEWAY_TIMEOUT_MS: '5' })).toEqual([
      expect.stringMatching(/^LLM_GATEWAY_URL: must use one of the schemes http, https/),
      expect.stringMatching(/^LLM_GATEWAY_TIMEOUT_MS: expected an integer from 100 to 600000/),
    ]);
  });
});

describe('the seeded admin', () => {
  it('refuses a placeholder ADMIN_PASSWORD in production only', () => {
    expect(problemsOf({ ...PRODUCTION_OK, ADMIN_PASSWORD: 'replace-me-with-a-passphrase' })).toEqual([
      'ADMIN_PASSWORD: is a placeholder; set a real secret in production',
    ]);
    expect(problemsOf({ ADMIN_PASSWORD: 'replace-me-with-a-passphrase' })).toEqual([]);
  });
});
