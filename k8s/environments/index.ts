import { type Environment } from './environment';
import { local } from './local';
import { production } from './production';

export { type AppName, type AppSettings, appSettingsOf, type Environment, environmentSchema } from './environment';
export { applyOverrides, EnvironmentValuesError } from './overrides';

/** Every environment `npm run synth` writes, in output order. */
export const ENVIRONMENTS: readonly Environment[] = [local, production];
