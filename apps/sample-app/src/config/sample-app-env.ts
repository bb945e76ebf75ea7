import { z } from 'zod';
import { defineAppEnv, envInt, envOptionalString, isPlaceholderSecret } from '@app/config';
import { llmGatewayEnvShape, toLlmGatewayConfig } from './llm-gateway-env';
import { SAMPLE_APP_ENV_DOCS } from './sample-app-env-docs';

/** sample-app's own variables: idempotent creates, the seeded admin, and its side of the item summaries. */
export const sampleAppEnvShape = {
  IDEMPOTENCY_KEY_TTL_SECONDS: envInt(86_400, 1, 604_800),
  ADMIN_EMAIL: envOptionalString().pipe(z.email().optional()),
  ADMIN_PASSWORD: envOptionalString().pipe(z.string().min(12, 'must be at least 12 characters').optional()),
  ...llmGatewayEnvShape,
};

/** sample-app's own variables, composed into loadConfig through its identity (docs/decisions/0120). */
export const SAMPLE_APP_ENV = defineAppEnv({
  shape: sampleAppEnvShape,
  secrets: ['ADMIN_PASSWORD', 'LLM_GATEWAY_API_KEY'],
  docs: SAMPLE_APP_ENV_DOCS,
  values: (env) => ({
    idempotency: {
      /** How long a stored answer to an Idempotency-Key is replayed; then the key is free again and swept. */
      ttlSeconds: env.IDEMPOTENCY_KEY_TTL_SECONDS,
    },
    admin: {
      email: env.ADMIN_EMAIL,
      password: env.ADMIN_PASSWORD,
    },
    llmGateway: toLlmGatewayConfig(env),
  }),
  problems: (env) =>
    env.NODE_ENV === 'production' && env.ADMIN_PASSWORD !== undefined && isPlaceholderSecret(env.ADMIN_PASSWORD)
      ? ['ADMIN_PASSWORD: is a placeholder; set a real secret in production']
      : [],
});

/** sample-app's own sections of its configuration object. */
export type SampleAppSections = ReturnType<typeof SAMPLE_APP_ENV.values>;
