import { describeOperationalEndpoints } from '../../../test/support/operational-endpoints.contract';
import { AppModule } from '../src/app.module';
import { SAMPLE_APP } from '../src/sample-app.identity';

describeOperationalEndpoints({
  identity: SAMPLE_APP,
  module: (config, buildInfo) => AppModule.forRoot(config, buildInfo),
  readinessChecks: ['database', 'cache', 'rateLimit'],
});
