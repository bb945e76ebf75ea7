import type { CircuitState } from './circuit-breaker';

export type RetryReason = 'status_429' | 'status_5xx' | 'connection';

export interface UpstreamEventListener {
  retried(provider: string, reason: RetryReason): void;
  circuitState(provider: string, state: CircuitState): void;
}

/**
 * What upstream providers report about themselves (retries, breaker state),
 * relayed to whoever listens (the metrics). A relay with no dependencies, so
 * providers and metrics need not know each other.
 */
export class UpstreamEvents implements UpstreamEventListener {
  private readonly listeners: UpstreamEventListener[] = [];

  subscribe(listener: UpstreamEventListener): void {
    this.listeners.push(listener);
  }

  retried(provider: string, reason: RetryReason): void {
    for (const listener of this.listeners) listener.retried(provider, reason);
  }

  circuitState(provider: string, state: CircuitState): void {
    for (const listener of this.listeners) listener.circuitState(provider, state);
  }
}
