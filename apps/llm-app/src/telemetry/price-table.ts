import type { ModelPrice } from '../config/llm-env';

const PER_MILLION = 1_000_000;

/** Estimated USD of one operation at the configured list price; 0 for a model without a price. */
export function estimatedCostUsd(
  prices: Readonly<Record<string, ModelPrice>>,
  model: string,
  inputTokens: number,
  outputTokens: number,
): number {
  const price = prices[model];
  if (price === undefined) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / PER_MILLION;
}
