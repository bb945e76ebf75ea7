import type { ProviderRequest, TokenUsage } from '../providers/chat-provider';
import type { TokenCounter } from '../providers/token-counter';

/** Token usage counted by the gateway, for a provider that reported none. */
export function estimateUsage(tokens: TokenCounter, request: ProviderRequest, text: string): TokenUsage {
  return {
    promptTokens: tokens.countPrompt(request.messages),
    completionTokens: tokens.count(text),
    estimated: true,
  };
}
