import type { AppConfig } from './app-config';
import { productionProblems, toAppConfig } from './app-config.schema';
import type { AppIdentity, ProcessFacts } from './app-identity';
import { ConfigValidationError } from './config.error';
import { type SharedEnv, sharedEnvSchema } from './shared-env';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/**
 * Validates the environment once, at boot: the shared groups and the app's own variables
 * (`app.env`) in one pass. Throws a ConfigValidationError that names every bad variable instead
 * of stopping at the first. The app's sections (`llm`, `llmGateway`, …) sit beside the shared ones.
 */
export function loadConfig<Own extends object = object>(
  env: Readonly<Record<string, string | undefined>>,
  app: AppIdentity<Own>,
  facts: ProcessFacts = { stdoutIsTty: false },
): AppConfig & Own {
  const schema = app.env === undefined ? sharedEnvSchema : sharedEnvSchema.extend(app.env.shape);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      return `${variable}: ${issue.message}`;
    });
    throw new ConfigValidationError(problems);
  }
  const values = parsed.data as SharedEnv;
  // The shared rules first, then the app's own: the report reads in the order of docs/configuration.md.
  const problems = [...productionProblems(values, app), ...(app.env?.problems(values) ?? [])];
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const shared: AppConfig = toAppConfig(values, app, facts);
  const own = app.env?.values(values);
  const clash = Object.keys(own ?? {}).filter((section) => section in shared);
  if (clash.length > 0) throw new Error(`${app.name}: its own configuration redefines ${clash.join(', ')}`);
  return deepFreeze({ ...shared, ...own } as AppConfig & Own);
}

/** What `loadConfig` would refuse, as its "VARIABLE: problem" lines; none for a valid environment. */
export function configProblems(
  env: Readonly<Record<string, string | undefined>>,
  app: AppIdentity<object>,
): readonly string[] {
  try {
    loadConfig(env, app);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
}
