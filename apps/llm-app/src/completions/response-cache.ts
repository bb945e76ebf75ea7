import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import { type ChatCompletionRequest, maxOutputTokens, stopSequences } from '../openai/chat-completion.schema';
import type { ChatCompletionView } from '../openai/chat-completion.views';
import { LlmMetrics } from '../telemetry/llm-metrics';
import { newCompletionId } from './completion-id';
import { LlmAppConfig } from '../config/llm-app-config';

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
    private readonly config: LlmAppConfig,
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

  /** Stores a completion's JSON text (the body the client was sent). */
  async set(key: string, completionJson: string): Promise<void> {
    await this.cache.set(key, completionJson, this.config.llm.responseCacheTtlSeconds);
  }
}

/** Fields the key takes in their normalized form (max_tokens and max_completion_tokens are one limit). */
const GATEWAY_READ = new Set(['model', 'messages', 'max_tokens', 'max_completion_tokens', 'top_p', 'stop']);

/** Fields that do not shape the answer: who asks, how it is delivered and what the provider stores. */
const NOT_PART_OF_THE_ANSWER = new Set([
  'user',
  'safety_identifier',
  'metadata',
  'store',
  'stream',
  'stream_options',
  'prompt_cache_key',
]);

/**
 * Everything that shapes the answer: the conversation as the gateway reads it
 * and every other field as sent (tools, response_format, n, seed, vendor
 * parameters…), since the upstream gets them all.
 */
function keyOf(request: ChatCompletionRequest): string {
  const others = Object.entries(request)
    .filter(([name]) => !NOT_PART_OF_THE_ANSWER.has(name) && !GATEWAY_READ.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const shape = {
    model: request.model,
    messages: request.messages,
    maxTokens: maxOutputTokens(request) ?? null,
    topP: request.top_p ?? null,
    stop: stopSequences(request),
    others,
  };
  return `llm-response:${createHash('sha256').update(JSON.stringify(shape)).digest('hex')}`;
}
