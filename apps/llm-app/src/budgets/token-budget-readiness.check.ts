import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { redisFallbackReadiness } from '@app/cache';
import type { ReadinessCheck } from '@app/lifecycle';
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

  check(): Promise<HealthIndicatorResult> {
    const fallback = this.store instanceof FailOpenTokenBudgetStore ? this.store.fallback : undefined;
    return redisFallbackReadiness(this.indicators, this.name, fallback);
  }
}
