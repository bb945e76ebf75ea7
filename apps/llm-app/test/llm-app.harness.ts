import { loadConfig } from '@app/config';
import { startTracingFor } from '@app/tracing';
import { type RunningApp, type StartOptions, startApp } from '../../../test/support/start-app';
import { AppModule } from '../src/app.module';
import { LLM_APP } from '../src/llm-app.identity';
import { llmTracingOptions } from '../src/traces/llm-tracing.options';

const FAST_SIMULATOR = { LLM_SIMULATED_TTFT_MS: '0', LLM_SIMULATED_TOKENS_PER_SECOND: '1000000' };

/**
 * main.ts starts the SDK before Nest (src/tracing.ts); a test file does it
 * once, before its first app, with the same processors but no HTTP
 * instrumentation (see StartTracingOptions.instrumented). The handle is not
 * given to the app's shutdown hook: every app of the file shares the SDK, and
 * the process-wide trace buffer with it, as the process would.
 */
let tracingStarted = false;
function startTracingOnce(env: Record<string, string>): void {
  if (tracingStarted) return;
  tracingStarted = true;
  const config = loadConfig({ NODE_ENV: 'test', ...env }, LLM_APP);
  startTracingFor(config, LLM_APP, 'test', {
    extraSpanProcessors: llmTracingOptions.spanProcessors?.(config) ?? [],
    instrumented: false,
  });
}

/** llm-app on a free port, traced; the simulator answers at once unless a test slows it down. */
export function startLlmApp(options: StartOptions = {}): Promise<RunningApp> {
  const env = { ...FAST_SIMULATOR, ...options.env };
  startTracingOnce(env);
  return startApp(LLM_APP, (config, buildInfo) => AppModule.forRoot(config, buildInfo), { ...options, env });
}
