import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import { AppConfig } from '@app/config';
import type { ChatMessage } from '../openai/chat-completion.schema';

/**
 * Short conversation history per caller and conversation id, in the cache (Redis when
 * configured, so every replica sees it), expiring after LLM_CONVERSATION_TTL_SECONDS
 * of inactivity and trimmed to the last LLM_CONVERSATION_MAX_MESSAGES messages.
 * The id is the caller's choice, so it is only a name inside the caller's own space:
 * another caller using the same id starts a conversation of their own and never sees this one.
 */
@Injectable()
export class ConversationStore {
  constructor(
    private readonly cache: CacheStore,
    private readonly config: AppConfig,
  ) {}

  async history(client: string, conversationId: string): Promise<ChatMessage[]> {
    const stored = await this.cache.get(key(client, conversationId));
    if (stored === undefined) return [];
    try {
      const parsed = JSON.parse(stored) as unknown;
      return Array.isArray(parsed) ? (parsed as ChatMessage[]) : [];
    } catch {
      return [];
    }
  }

  async save(client: string, conversationId: string, messages: readonly ChatMessage[]): Promise<void> {
    const kept = messages.slice(-this.config.llm.conversation.maxMessages);
    await this.cache.set(key(client, conversationId), JSON.stringify(kept), this.config.llm.conversation.ttlSeconds);
  }
}

/** The caller's identity hashed: an address or user id does not belong in a cache key. */
function key(client: string, conversationId: string): string {
  const owner = createHash('sha256').update(client).digest('base64url').slice(0, 22);
  return `conversation:${owner}:${conversationId}`;
}
