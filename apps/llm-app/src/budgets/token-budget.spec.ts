import { Logger } from '@nestjs/common';
import type { LlmAppConfig } from '../config/llm-app-config';
import { OpenAiError } from '../openai/openai.errors';
import type { LlmMetrics } from '../telemetry/llm-metrics';
import { TokenBudget } from './token-budget';
import { MemoryTokenBudgetStore, type TokenBudgetStore } from './token-budget.store';

const WINDOW_SECONDS = 60;

function budgetOf(perWindow: number) {
  let nowMs = 1_000_000;
  const rejected: string[] = [];
  const config = { llm: { tokenBudget: { perWindow, windowSeconds: WINDOW_SECONDS } } } as unknown as LlmAppConfig;
  const metrics = { rateLimitRejected: (kind: string) => rejected.push(kind) } as unknown as LlmMetrics;
  const budget = new TokenBudget(new MemoryTokenBudgetStore(() => nowMs), metrics, config);
  return {
    budget,
    rejected,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

async function refusal(promise: Promise<void>): Promise<OpenAiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof OpenAiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe(TokenBudget.name, () => {
  describe('ensureAvailable', () => {
    it('lets a client through while it has spent less than the budget, one token short included', async () => {
      const { budget } = budgetOf(100);
      await budget.spend('client', 99);
      await expect(budget.ensureAvailable('client')).resolves.toBeUndefined();
    });

    it('refuses a client that has spent exactly its budget with 429 token_budget_exceeded, and counts it', async () => {
      const { budget, rejected } = budgetOf(100);
      await budget.spend('client', 100);
      const error = await refusal(budget.ensureAvailable('client'));
      expect(error).toMatchObject({ status: 429, code: 'token_budget_exceeded' });
      expect(rejected).toEqual(['tokens']);
    });

    it('tells the refused client, in whole seconds, how long until its window resets', async () => {
      const { budget, advance } = budgetOf(10);
      await budget.spend('client', 10);
      advance(20_500);
      const error = await refusal(budget.ensureAvailable('client'));
      expect(error.retryAfterSeconds).toBe(40);
    });

    it('says in the refusal what the budget and its window are', async () => {
      const { budget } = budgetOf(10);
      await budget.spend('client', 10);
      const error = await refusal(budget.ensureAvailable('client'));
      expect(error.message).toBe(`Token budget of 10 per ${WINDOW_SECONDS} s is spent.`);
    });

    it('says to wait at least a second, however little of the window is left', async () => {
      const { budget, advance } = budgetOf(10);
      await budget.spend('client', 10);
      advance(WINDOW_SECONDS * 1_000 - 1);
      expect((await refusal(budget.ensureAvailable('client'))).retryAfterSeconds).toBe(1);
    });

    it('gives the client a fresh budget once its window has rolled over', async () => {
      const { budget, advance } = budgetOf(10);
      await budget.spend('client', 10);
      advance(WINDOW_SECONDS * 1_000 - 1);
      await refusal(budget.ensureAvailable('client'));
      advance(1);
      await expect(budget.ensureAvailable('client')).resolves.toBeUndefined();
      // AND the new window counts from zero
      await budget.spend('client', 9);
      await expect(budget.ensureAvailable('client')).resolves.toBeUndefined();
    });

    it('keeps each client to its own budget', async () => {
      const { budget } = budgetOf(10);
      await budget.spend('spender', 10);
      await refusal(budget.ensureAvailable('spender'));
      await expect(budget.ensureAvailable('other')).resolves.toBeUndefined();
    });

    it('lets everything through when the budget is 0 (off)', async () => {
      const { budget } = budgetOf(0);
      await budget.spend('client', 1_000_000);
      await expect(budget.ensureAvailable('client')).resolves.toBeUndefined();
    });
  });

  describe('spend', () => {
    /** A store that records what it was asked to spend. */
    function recording(perWindow: number, spend: TokenBudgetStore['spend']) {
      const config = { llm: { tokenBudget: { perWindow, windowSeconds: WINDOW_SECONDS } } } as unknown as LlmAppConfig;
      const store = { read: () => Promise.resolve({ spent: 0, resetsInMs: 0 }), spend } as TokenBudgetStore;
      return new TokenBudget(store, {} as LlmMetrics, config);
    }

    it('writes nothing to the store when the budget is off, or the request spent no tokens', async () => {
      const spent: number[] = [];
      const record = (_client: string, tokens: number) => {
        spent.push(tokens);
        return Promise.resolve();
      };
      await recording(0, record).spend('client', 50);
      await recording(100, record).spend('client', 0);
      await recording(100, record).spend('client', 7);
      expect(spent).toEqual([7]);
    });

    it('does not fail a completion that succeeded when its spend cannot be recorded, and says so in the log', async () => {
      const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        const failing = recording(100, () => Promise.reject(new Error('redis connection is end')));
        await expect(failing.spend('client', 7)).resolves.toBeUndefined();
        // Not every library rejects with an Error.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
        const failingOddly = recording(100, () => Promise.reject('connection reset'));
        await expect(failingOddly.spend('client', 7)).resolves.toBeUndefined();
        expect(warnings.mock.calls.map(([message]) => String(message))).toEqual([
          'token budget not recorded: redis connection is end',
          'token budget not recorded: connection reset',
        ]);
      } finally {
        warnings.mockRestore();
      }
    });
  });
});
