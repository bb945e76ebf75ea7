import { type RunningApp, type StartOptions, startApp } from '../../../test/support/start-app';
import { AppModule } from '../src/app.module';
import { SAMPLE_APP } from '../src/sample-app.identity';

/**
 * sample-app on a free port, with its own database and Redis prefix. Rate
 * limits are raised so suites can sign up many users; the rate-limit suite
 * sets its own.
 */
export function startSampleApp(options: StartOptions = {}): Promise<RunningApp> {
  return startApp(SAMPLE_APP, (config, buildInfo) => AppModule.forRoot(config, buildInfo), {
    ...options,
    env: { RATE_LIMIT_AUTH_MAX_REQUESTS: '10000', RATE_LIMIT_MAX_REQUESTS: '100000', ...options.env },
  });
}
