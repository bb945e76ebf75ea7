import type { EnvDoc } from '@app/config';
import type { sampleAppEnvShape } from './sample-app-env';

/** What each of sample-app's own variables means and its default as a reader needs it (the generated docs show them). */
export const SAMPLE_APP_ENV_DOCS: { readonly [Name in keyof typeof sampleAppEnvShape]: EnvDoc } = {
  IDEMPOTENCY_KEY_TTL_SECONDS: {
    default: '86400',
    meaning:
      'sample-app: how long the answer to a create sent with an `Idempotency-Key` is kept and replayed (1 s to 7 days); expired keys are swept and may be used again ([0090](decisions/0090-idempotent-creates-in-the-database.md)).',
  },
  ADMIN_EMAIL: { default: 'unset', meaning: 'sample-app: the admin `npm run seed:admin` creates or promotes.' },
  ADMIN_PASSWORD: {
    default: 'unset',
    meaning: "sample-app: that admin's password (at least 12 characters; production refuses placeholders). Secret.",
  },
  LLM_GATEWAY_URL: {
    default: '`http://127.0.0.1:8081`; unset in production',
    meaning:
      'sample-app: base URL of llm-app, asked by `POST /api/v1/items/:id/summary` (its OpenAI API under `/v1`). Unset, summaries answer 503 `llm-gateway-not-configured`.',
  },
  LLM_GATEWAY_MODEL: { default: '`simulated`', meaning: 'sample-app: the llm-app model that writes item summaries.' },
  LLM_GATEWAY_TIMEOUT_MS: {
    default: '30000',
    meaning: "sample-app: longest wait for llm-app's answer; then 504 `llm-gateway-timeout`.",
  },
  LLM_GATEWAY_API_KEY: {
    default: 'unset',
    meaning:
      'sample-app: an llm-app API key, sent for callers whose own credential llm-app cannot verify (sample-app API keys). Signed-in users are passed on with their own access token. Secret.',
  },
  LLM_SUMMARY_MAX_TOKENS: { default: '150', meaning: 'sample-app: `max_tokens` of a summary.' },
};
