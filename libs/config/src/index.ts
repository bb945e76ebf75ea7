export { AppConfig } from './app-config';
export { BUILD_INFO_FILE, type BuildInfo, readBuildInfo } from './build-info';
export {
  type AppIdentity,
  type ProcessFacts,
  ENV_NAMES,
  envSchema,
  LOG_LEVELS,
  NODE_ENVS,
  SECRET_ENV_NAMES,
  secretEnvNamesFor,
} from './app-config.schema';
export { ConfigValidationError } from './config.error';
export { ConfigModule } from './config.module';
export { loadConfig } from './load-config';
export { processConfig } from './process-config';
export { isPlaceholderSecret } from './placeholder-secret';
export { pemBlocks } from './pem-key';
export { type ModelPrice } from './llm-env';
export { ENV_DOCS, type EnvDoc, envTableMarkdown, schemaDefaults, withEnvTable } from './env-docs';
