import { Injectable, Logger } from '@nestjs/common';
import { rateLimited } from '../openai/openai.errors';
import { LlmMetrics } from '../telemetry/llm-metrics';
import { TokenBudgetStore } from './token-budget.store';
import { LlmAppConfig } from '../config/llm-app-config';

/**
 * Tokens per client per window (LLM_TOKEN_BUDGET_PER_WINDOW over
 * LLM_TOKEN_BUDGET_WINDOW_SECONDS; 0 is off). A request is refused once the
 * client has spent its budget; what a request spends is known only after it
 * ran, so the last request of a window may overshoot by its own size.
 */
@Injectable()
export class TokenBudget {
  private readonly logger = new Logger(TokenBudget.name);

  constructor(
    private readonly store: TokenBudgetStore,
    private readonly metrics: LlmMetrics,
    private readonly config: LlmAppConfig,
  ) {}

  private get budget(): number {
    return this.config.llm.tokenBudget.perWindow;
  }

  private get windowMs(): number {
    return this.config.llm.tokenBudget.windowSeconds * 1_000;
  }

  /** Throws the OpenAI 429 when the client's budget for this window is spent. */
  async ensureAvailable(client: string): Promise<void> {
    if (this.budget === 0) return;
    const window = await this.store.read(client, this.windowMs);
    if (window.spent < this.budget) return;
    this.metrics.rateLimitRejected('tokens');
    throw rateLimited(
      `Token budget of ${this.budget} per ${this.config.llm.tokenBudget.windowSeconds} s is spent.`,
      Math.max(1, Math.ceil(window.resetsInMs / 1_000)),
      'token_budget_exceeded',
    );
  }

  async spend(client: string, tokens: number): Promise<void> {
    if (this.budget === 0 || tokens <= 0) return;
    // Accounting must not fail a completion that already succeeded.
    await this.store.spend(client, tokens, this.windowMs).catch((error: unknown) => {
      this.logger.warn(`token budget not recorded: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
