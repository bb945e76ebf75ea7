import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { ReadinessCheck } from '@app/lifecycle';
import { ModelRouter } from './model-router';
import { LlmAppConfig } from '../config/llm-app-config';

/** Readiness: the provider behind the default model can serve (the simulator always can). */
@Injectable()
export class ProviderReadinessCheck implements ReadinessCheck {
  readonly name = 'llm-provider';

  constructor(
    private readonly router: ModelRouter,
    private readonly config: LlmAppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get backend(): string {
    return this.router.route(this.config.llm.defaultModel).provider.name;
  }

  check(timeoutMs: number): Promise<HealthIndicatorResult> {
    const provider = this.router.route(this.config.llm.defaultModel).provider;
    return Promise.resolve(
      this.indicators
        .check(this.name)
        .attempt(async () => {
          if (!(await provider.isReachable())) throw new Error(`${provider.name} is not reachable`);
          return { backend: provider.name, model: this.config.llm.defaultModel };
        })
        .withTimeout(timeoutMs),
    );
  }
}
