import type { AppConfig } from './app-config';
import type { AppIdentity } from './app-identity';
import { ConfigValidationError } from './config.error';
import { loadConfig } from './load-config';

/** One process runs one app: its configuration, or why it has none, validated on the first ask. */
let loaded: { readonly identity: AppIdentity; readonly outcome: AppConfig | ConfigValidationError } | undefined;

/**
 * The config boundary: the one module of app code that reads process.env (eslint refuses it anywhere
 * else). The environment is validated once per process: the tracing bootstrap (before Nest loads),
 * runHttpApp and the command-line entry points get the same frozen AppConfig, or the same
 * ConfigValidationError naming every bad variable.
 */
export function processConfig<Own extends object = object>(identity: AppIdentity<Own>): AppConfig & Own {
  if (loaded?.identity !== identity) {
    try {
      loaded = { identity, outcome: loadConfig(process.env, identity, { stdoutIsTty: process.stdout.isTTY === true }) };
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      loaded = { identity, outcome: error };
    }
  }
  if (loaded.outcome instanceof ConfigValidationError) throw loaded.outcome;
  // The outcome was loaded for this very identity, so it carries that identity's own sections.
  return loaded.outcome as AppConfig & Own;
}
