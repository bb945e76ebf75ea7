import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Clock } from './clock';

/**
 * Graceful shutdown, step one. When Nest receives SIGTERM it calls
 * beforeApplicationShutdown before anything is closed: readiness turns 503 at
 * once, and the process keeps serving for the drain delay so the load
 * balancer takes the pod out of rotation before the server stops accepting.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownState.name);
  private draining = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get isShuttingDown(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    // Only SIGTERM comes from an orchestrator whose load balancer may still send traffic;
    // Ctrl-C (SIGINT) and app.close() from code stop at once.
    if (signal !== 'SIGTERM') return;
    const delay = this.config.http.drainDelayMs;
    this.logger.log(`received ${signal}: not ready; draining for ${delay} ms before closing`);
    await this.clock.sleep(delay);
  }
}
