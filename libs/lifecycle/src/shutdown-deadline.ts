import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig } from '@app/config';
import type { Server } from 'node:http';

/** After the deadline, how long the ended streams have to flush their last event before sockets are closed. */
const FLUSH_MS = 250;

/** After the deadline, how long the process waits for the server to close before it exits anyway. */
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

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {
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
      // The ended streams' keep-alive sockets (and anything else still open) would hold the server's
      // close until their clients hang up: close them once the last events are written.
      setTimeout(() => this.server()?.closeAllConnections(), deadline + FLUSH_MS).unref(),
      setTimeout(() => {
        this.logger.error(`still open ${EXIT_GRACE_MS} ms after the shutdown deadline: exiting`);
        process.exit(1);
      }, deadline + EXIT_GRACE_MS).unref(),
    );
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }

  /** Everything closed in time: no deadline left to enforce. */
  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('SIGINT', this.onSignal);
  }
}
