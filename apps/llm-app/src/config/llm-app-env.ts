import { defineAppEnv } from '@app/config';
import { llmEnvShape, llmProblems, toLlmConfig } from './llm-env';
import { LLM_ENV_DOCS } from './llm-env-docs';

/** llm-app's own variables, composed into loadConfig through its identity (docs/decisions/0120). */
export const LLM_APP_ENV = defineAppEnv({
  shape: llmEnvShape,
  secrets: ['LLM_API_KEY_SHA256', 'LLM_UPSTREAM_API_KEY', 'LLM_UPSTREAM_API_KEYS'],
  docs: LLM_ENV_DOCS,
  values: (env) => ({ llm: toLlmConfig(env) }),
  problems: (env) => [
    ...llmProblems(env),
    ...(env.NODE_ENV === 'production' && env.AUTH_JWKS_URL === undefined && env.LLM_API_KEY_SHA256.length === 0
      ? [
          'AUTH_JWKS_URL or LLM_API_KEY_SHA256: at least one is required when NODE_ENV=production (otherwise every request would be anonymous)',
        ]
      : []),
  ],
  // The OpenAI-compatible routes take base64 images, audio and files.
  routeBodyLimits: (env) => [{ pathPrefix: '/v1/', bytes: env.LLM_API_BODY_LIMIT_BYTES }],
});

/** llm-app's own section of its configuration object. */
export type LlmConfig = ReturnType<typeof toLlmConfig>;

/** llm-app's own sections of its configuration object. */
export type LlmAppSections = ReturnType<typeof LLM_APP_ENV.values>;
