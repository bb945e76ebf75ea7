import { describeMetrics } from '../../../test/support/metrics.contract';
import { AppModule } from '../src/app.module';
import { SAMPLE_APP } from '../src/sample-app.identity';

describeMetrics({ identity: SAMPLE_APP, module: (config, buildInfo) => AppModule.forRoot(config, buildInfo) });
