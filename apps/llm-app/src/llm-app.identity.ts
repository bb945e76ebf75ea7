import type { AppIdentity } from '@app/config';
import { LLM_APP_ENV, type LlmAppSections } from './config/llm-app-env';

export const LLM_APP: AppIdentity<LlmAppSections> = {
  name: 'llm-app',
  defaultPort: 8081,
  usesDatabase: false,
  issuesTokens: false,
  tracesWithoutExporter: true,
  env: LLM_APP_ENV,
};
