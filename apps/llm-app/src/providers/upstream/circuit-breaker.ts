import type { Clock } from '@app/lifecycle';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one probe is let through. */
  readonly cooldownMs: number;
}

/**
 * Stops calling an upstream that keeps failing, so callers get a fast 503 (or
 * a fallback) instead of waiting for timeouts, and the upstream gets room to
 * recover. Closed → open after N consecutive failures → half-open after the
 * cooldown, where a single probe decides between closed and open again.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAtMs: number | undefined;
  private probeInFlight = false;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {}

  get state(): CircuitState {
    if (this.openedAtMs === undefined) return 'closed';
    return this.clock.nowMs() - this.openedAtMs >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /**
   * Whether a call may go out now. In half-open, the first caller claims the
   * probe and everyone else is refused until it reports back.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAtMs = undefined;
    this.probeInFlight = false;
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    // A failed probe re-opens at once: the upstream has not recovered.
    if (this.probeInFlight || this.consecutiveFailures >= this.options.failureThreshold) {
      this.openedAtMs = this.clock.nowMs();
    }
    this.probeInFlight = false;
  }

  /** The call ended without telling anything about the upstream (the client left): free the probe. */
  abandon(): void {
    this.probeInFlight = false;
  }
}
