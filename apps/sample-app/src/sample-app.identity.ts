import type { AppIdentity } from '@app/config';

export const SAMPLE_APP: AppIdentity = {
  name: 'sample-app',
  defaultPort: 8080,
  usesDatabase: true,
  issuesTokens: true,
  callsLlmGateway: true,
};
