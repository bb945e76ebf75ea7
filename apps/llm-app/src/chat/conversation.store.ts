import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import { AppConfig } from '@app/config';
import type { ChatMessage } from '../openai/chat-completion.schema';

/**
 * Short conversation history per conversation id, in the cache (Redis when
 * configured, so every replica sees it), expiring after LLM_CONVERSATION_TTL_SECONDS
 * of inactivity and trimmed to the last LLM_CONVERSATION_MAX_MESSAGES messages.
 */
@Injectable()
export class ConversationStore {
  constructor(
    private readonly cache: CacheStore,
    private readonly config: AppConfig,
  ) {}

  async history(conversationId: string): Promise<ChatMessage[]> {
    const stored = await this.cache.get(key(conversationId));
    if (stored === undefined) return [];
    try {
      const parsed = JSON.parse(stored) as unknown;
      return Array.isArray(parsed) ? (parsed as ChatMessage[]) : [];
    } catch {
      return [];
    }
  }

  async save(conversationId: string, messages: readonly ChatMessage[]): Promise<void> {
    const kept = messages.slice(-this.config.llm.conversation.maxMessages);
    await this.cache.set(key(conversationId), JSON.stringify(kept), this.config.llm.conversation.ttlSeconds);
  }
}

function key(conversationId: string): string {
  return `conversation:${conversationId}`;
}
