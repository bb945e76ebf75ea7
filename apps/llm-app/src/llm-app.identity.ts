import type { AppIdentity } from '@app/config';

export const LLM_APP: AppIdentity = {
  name: 'llm-app',
  defaultPort: 8081,
  usesDatabase: false,
  issuesTokens: false,
  tracesWithoutExporter: true,
  callsLlmUpstream: true,
};
