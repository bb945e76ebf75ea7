import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { ReadinessCheck } from '@app/common';
import { FailOpenTokenBudgetStore, TokenBudgetStore } from './token-budget.store';

/** "degraded" (never "down") while Redis fails and each replica keeps its own token budget windows. */
@Injectable()
export class TokenBudgetReadinessCheck implements ReadinessCheck {
  readonly name = 'tokenBudget';

  constructor(
    private readonly store: TokenBudgetStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get backend(): string {
    return this.store instanceof FailOpenTokenBudgetStore ? 'redis' : 'memory';
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(this.name);
    if (!(this.store instanceof FailOpenTokenBudgetStore)) {
      return indicator.up({ backend: this.backend, mode: 'per-process' });
    }
    const { fallback } = this.store;
    await fallback.probe();
    return fallback.degraded
      ? indicator.degraded({
          backend: this.backend,
          mode: 'per-process',
          message: `redis unavailable: ${fallback.reason}`,
        })
      : indicator.up({ backend: this.backend, mode: 'shared' });
  }
}
