import { describeMetrics } from '../../../test/support/metrics.contract';
import { AppModule } from '../src/app.module';
import { LLM_APP } from '../src/llm-app.identity';

describeMetrics({ identity: LLM_APP, module: (config, buildInfo) => AppModule.forRoot(config, buildInfo) });
