import { describeOperationalEndpoints } from '../../../test/support/operational-endpoints.contract';
import { AppModule } from '../src/app.module';
import { LLM_APP } from '../src/llm-app.identity';

describeOperationalEndpoints({
  identity: LLM_APP,
  module: (config, buildInfo) => AppModule.forRoot(config, buildInfo),
  readinessChecks: ['cache', 'rateLimit', 'tokenBudget', 'llm-provider'],
});
