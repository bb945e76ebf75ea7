import { type z } from 'zod';
import { type Environment, environmentSchema } from './environment';

/** Thrown when overridden values do not make a valid environment; the message names each bad value. */
export class EnvironmentValuesError extends Error {
  override readonly name = 'EnvironmentValuesError';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays, scalars, null) replaces. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function describe(issues: readonly z.core.$ZodIssue[], source: string): string {
  return issues.map((issue) => `  - ${[source, ...issue.path.map(String)].join('.')}: ${issue.message}`).join('\n');
}

/**
 * The environment with `patch` (a deep partial, e.g. from a values file) laid over it,
 * validated as a whole so a bad override is refused with its path.
 */
export function applyOverrides(base: Environment, patch: unknown, source = 'values'): Environment {
  const result = environmentSchema.safeParse(deepMerge(base, patch));
  if (!result.success) {
    throw new EnvironmentValuesError(
      `Invalid values for environment "${base.name}":\n${describe(result.error.issues, `${source}.${base.name}`)}`,
    );
  }
  return result.data;
}
