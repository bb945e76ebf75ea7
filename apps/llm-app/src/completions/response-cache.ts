import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import { AppConfig } from '@app/config';
import {
  type ChatCompletionRequest,
  maxOutputTokens,
  messageText,
  stopSequences,
} from '../openai/chat-completion.schema';
import type { ChatCompletionView } from '../openai/chat-completion.views';
import { LlmMetrics } from '../telemetry/llm-metrics';
import { newCompletionId } from './completion-id';

/**
 * Exact-match cache of non-streamed completions, in the shared cache (Redis
 * when configured). Only `temperature: 0` requests qualify: they ask for the
 * same answer every time, so serving a stored one changes nothing for the
 * client. Off unless LLM_RESPONSE_CACHE_TTL_SECONDS is set.
 */
@Injectable()
export class ResponseCache {
  constructor(
    private readonly cache: CacheStore,
    private readonly config: AppConfig,
    private readonly metrics: LlmMetrics,
  ) {}

  /** The request's cache key, or undefined when it may not be answered from, or stored in, the cache. */
  keyFor(request: ChatCompletionRequest): string | undefined {
    const cacheable =
      this.config.llm.responseCacheTtlSeconds > 0 && request.stream !== true && request.temperature === 0;
    return cacheable ? keyOf(request) : undefined;
  }

  async get(key: string, createdAt: number): Promise<ChatCompletionView | undefined> {
    const stored = await this.cache.get(key);
    this.metrics.responseCacheLookup(stored === undefined ? 'miss' : 'hit');
    if (stored === undefined) return undefined;
    // A cached answer is still a new completion: its own id and time.
    return { ...(JSON.parse(stored) as ChatCompletionView), id: newCompletionId(), created: createdAt };
  }

  async set(key: string, completion: ChatCompletionView): Promise<void> {
    await this.cache.set(key, JSON.stringify(completion), this.config.llm.responseCacheTtlSeconds);
  }
}

/** Everything that shapes the answer, and nothing else (not `user`, not unknown fields). */
function keyOf(request: ChatCompletionRequest): string {
  const shape = {
    model: request.model,
    messages: request.messages.map((message) => [message.role, messageText(message)]),
    maxTokens: maxOutputTokens(request) ?? null,
    topP: request.top_p ?? null,
    stop: stopSequences(request),
  };
  return `llm-response:${createHash('sha256').update(JSON.stringify(shape)).digest('hex')}`;
}
