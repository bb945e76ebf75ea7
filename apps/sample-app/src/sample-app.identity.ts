import type { AppIdentity } from '@app/config';
import { SAMPLE_APP_ENV, type SampleAppSections } from './config/sample-app-env';

export const SAMPLE_APP: AppIdentity<SampleAppSections> = {
  name: 'sample-app',
  defaultPort: 8080,
  usesDatabase: true,
  issuesTokens: true,
  env: SAMPLE_APP_ENV,
};
