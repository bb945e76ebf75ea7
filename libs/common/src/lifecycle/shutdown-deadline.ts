import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';

/** After the deadline, how long the process waits for streams to close before it exits anyway. */
const EXIT_GRACE_MS = 2_000;

/**
 * The bound on shutdown (decision 0043). SHUTDOWN_DEADLINE_MS after the signal, `signal` aborts: work
 * that could outlive it (an LLM stream of several minutes) ends itself cleanly, with an in-band error
 * its client can act on. If the process is still alive EXIT_GRACE_MS later, it exits: the orchestrator's
 * SIGKILL at terminationGracePeriodSeconds (30 s) never has to cut a response mid-write.
 */
@Injectable()
export class ShutdownDeadline implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ShutdownDeadline.name);
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];

  // The clock starts at the signal itself, not when Nest reaches this provider's hook (after the drain delay).
  private readonly onSignal = (signal: string): void => this.beforeApplicationShutdown(signal);

  constructor(private readonly config: AppConfig) {
    process.once('SIGTERM', this.onSignal);
    process.once('SIGINT', this.onSignal);
  }

  /** Aborts when the shutdown deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  beforeApplicationShutdown(signal?: string): void {
    // Only a signal starts the clock: app.close() from code (tests) closes at its own pace.
    if (signal === undefined || this.timers.length > 0) return;
    const deadline = this.config.http.shutdownDeadlineMs;
    this.timers.push(
      setTimeout(() => {
        this.logger.warn(`shutdown deadline of ${deadline} ms reached: ending the requests still open`);
        this.controller.abort(new Error('shutdown deadline reached'));
      }, deadline).unref(),
      setTimeout(() => {
        this.logger.error(`still open ${EXIT_GRACE_MS} ms after the shutdown deadline: exiting`);
        process.exit(1);
      }, deadline + EXIT_GRACE_MS).unref(),
    );
  }

  /** Everything closed in time: no deadline left to enforce. */
  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('SIGINT', this.onSignal);
  }
}
