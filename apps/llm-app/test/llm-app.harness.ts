import { type RunningApp, type StartOptions, startApp } from '../../../test/support/start-app';
import { AppModule } from '../src/app.module';
import { LLM_APP } from '../src/llm-app.identity';

/** llm-app on a free port; the simulator answers at once unless a test slows it down. */
export function startLlmApp(options: StartOptions = {}): Promise<RunningApp> {
  return startApp(LLM_APP, (config, buildInfo) => AppModule.forRoot(config, buildInfo), {
    ...options,
    env: { LLM_SIMULATED_TTFT_MS: '0', LLM_SIMULATED_TOKENS_PER_SECOND: '1000000', ...options.env },
  });
}
