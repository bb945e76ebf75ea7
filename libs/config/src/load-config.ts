import { type AppIdentity, type ProcessFacts, envSchema, productionProblems, toAppConfig } from './app-config.schema';
import type { AppConfig } from './app-config';
import { ConfigValidationError } from './config.error';
import { llmProblems } from './llm-env';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/**
 * Validates the environment once, at boot. Throws a ConfigValidationError that
 * names every bad variable instead of stopping at the first.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  app: AppIdentity,
  facts: ProcessFacts = { stdoutIsTty: false },
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      return `${variable}: ${issue.message}`;
    });
    throw new ConfigValidationError(problems);
  }
  const problems = [...llmProblems(parsed.data), ...productionProblems(parsed.data, app)];
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const config: AppConfig = toAppConfig(parsed.data, app, facts);
  return deepFreeze(config);
}
