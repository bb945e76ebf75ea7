import { z } from 'zod';
import { envInt, envList } from './env-parsers';

/** llm-app's variables: the default model, the simulator's pace and conversation memory. */
export const llmEnvShape = {
  LLM_DEFAULT_MODEL: z.string().trim().min(1).default('simulated'),
  LLM_SIMULATED_MODELS: envList(),
  LLM_SIMULATED_TTFT_MS: envInt(150, 0, 60_000),
  LLM_SIMULATED_TOKENS_PER_SECOND: envInt(80, 1, 1_000_000),
  LLM_CONVERSATION_TTL_SECONDS: envInt(3_600, 60, 604_800),
  LLM_CONVERSATION_MAX_MESSAGES: envInt(20, 2, 200),
  /** SHA-256 (hex) of each API key llm-app accepts; the keys themselves are never configured. */
  LLM_API_KEY_SHA256: envList().superRefine((hashes, ctx) => {
    const bad = hashes.filter((hash) => !/^[0-9a-f]{64}$/i.test(hash));
    if (bad.length > 0)
      ctx.addIssue({ code: 'custom', message: `${bad.length} entries are not 64-character hex SHA-256 digests` });
  }),
};

type LlmEnv = { [K in keyof typeof llmEnvShape]: z.output<(typeof llmEnvShape)[K]> };

export function toLlmConfig(env: LlmEnv) {
  return {
    defaultModel: env.LLM_DEFAULT_MODEL,
    simulated: {
      models: env.LLM_SIMULATED_MODELS.length > 0 ? env.LLM_SIMULATED_MODELS : ['simulated'],
      timeToFirstTokenMs: env.LLM_SIMULATED_TTFT_MS,
      tokensPerSecond: env.LLM_SIMULATED_TOKENS_PER_SECOND,
    },
    apiKeyHashes: env.LLM_API_KEY_SHA256.map((hash) => hash.toLowerCase()),
    conversation: {
      ttlSeconds: env.LLM_CONVERSATION_TTL_SECONDS,
      maxMessages: env.LLM_CONVERSATION_MAX_MESSAGES,
    },
  };
}
