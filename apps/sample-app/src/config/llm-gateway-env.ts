import { z } from 'zod';
import { envInt, envOptionalString, envOptionalUrl } from '@app/config';

/** Where llm-app listens when both apps run on one workstation (`npm start`). */
export const LOCAL_LLM_GATEWAY_URL = 'http://127.0.0.1:8081';

/** sample-app's side of the item summaries: which llm-app to ask, for which model, how long to wait. */
export const llmGatewayEnvShape = {
  /** Base URL of llm-app (its OpenAI-compatible API is under /v1). Defaults to the local llm-app outside production. */
  LLM_GATEWAY_URL: envOptionalUrl(['http', 'https']),
  LLM_GATEWAY_MODEL: z.string().trim().min(1).default('simulated'),
  LLM_GATEWAY_TIMEOUT_MS: envInt(30_000, 100, 600_000),
  /** An llm-app API key for callers whose own credential llm-app cannot verify (sample-app API keys). */
  LLM_GATEWAY_API_KEY: envOptionalString(),
  LLM_SUMMARY_MAX_TOKENS: envInt(150, 1, 4_096),
};

type LlmGatewayEnv = { [K in keyof typeof llmGatewayEnvShape]: z.output<(typeof llmGatewayEnvShape)[K]> };

export function toLlmGatewayConfig(env: LlmGatewayEnv & { NODE_ENV: string }) {
  return {
    /** Undefined only in production without LLM_GATEWAY_URL: summaries then answer 503. */
    url: env.LLM_GATEWAY_URL ?? (env.NODE_ENV === 'production' ? undefined : LOCAL_LLM_GATEWAY_URL),
    model: env.LLM_GATEWAY_MODEL,
    timeoutMs: env.LLM_GATEWAY_TIMEOUT_MS,
    apiKey: env.LLM_GATEWAY_API_KEY,
    summaryMaxTokens: env.LLM_SUMMARY_MAX_TOKENS,
  };
}
