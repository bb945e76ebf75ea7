export { AppConfig } from './app-config';
export { type AppEnv, type AppEnvSpec, type AppEnvValues, defineAppEnv, type RouteBodyLimit } from './app-env';
export { type AppIdentity, type ProcessFacts } from './app-identity';
export { BUILD_INFO_FILE, type BuildInfo, readBuildInfo } from './build-info';
export { ConfigValidationError } from './config.error';
export { ConfigModule } from './config.module';
export { type EnvDoc } from './env-doc';
export {
  ENV_DOCS,
  envDocRows,
  envTableMarkdown,
  envTableOf,
  schemaDefaults,
  tableCells,
  withEnvTable,
} from './env-docs';
export { envNamesFor, secretEnvNamesFor } from './env-names';
export {
  envBoolean,
  envInt,
  envJson,
  envList,
  envOptionalBoolean,
  envOptionalInt,
  envOptionalRatio,
  envOptionalString,
  envOptionalUrl,
} from './env-parsers';
export { configProblems, loadConfig } from './load-config';
export { processConfig } from './process-config';
export { isPlaceholderSecret, urlPassword } from './placeholder-secret';
export { pemBlocks } from './pem-key';
export {
  LOG_LEVELS,
  NODE_ENVS,
  SHARED_ENV_NAMES,
  SHARED_SECRET_ENV_NAMES,
  type SharedEnv,
  type SharedEnvName,
  sharedEnvSchema,
} from './shared-env';
