import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import { NotFoundError } from '@app/errors';
import type { ChatMessage } from '../openai/chat-completion.schema';
import { LlmAppConfig } from '../config/llm-app-config';

/** The form of the ids the server issues; any other id is a name the caller chose. */
const ISSUED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Short conversation history, in the cache (Redis when configured, so every replica sees it),
 * expiring after LLM_CONVERSATION_TTL_SECONDS of inactivity and trimmed to the last
 * LLM_CONVERSATION_MAX_MESSAGES messages (decision 0101). Two kinds of id:
 * - issued by the server (a UUID, returned on the first message of a conversation): the
 *   conversation records its owner, and an id that is unknown, expired or another caller's is
 *   answered with the same 404, so an answer never tells whether someone else's exists;
 * - chosen by the caller (anything else): a name inside the caller's own space, so another
 *   caller using the same name has a conversation of their own and never sees this one.
 */
@Injectable()
export class ConversationStore {
  constructor(
    private readonly cache: CacheStore,
    private readonly config: LlmAppConfig,
  ) {}

  /** The id of a new conversation, which the reply returns. */
  newId(): string {
    return randomUUID();
  }

  /** The conversation's messages so far; throws NotFoundError for an issued id the caller does not own. */
  async history(client: string, conversationId: string): Promise<ChatMessage[]> {
    const stored = parsed(await this.cache.get(keyOf(client, conversationId)));
    if (!ISSUED_ID.test(conversationId)) return Array.isArray(stored) ? (stored as ChatMessage[]) : [];
    const record = stored as { owner?: unknown; messages?: unknown } | undefined;
    if (record?.owner !== ownerOf(client) || !Array.isArray(record.messages)) {
      throw new NotFoundError(`There is no conversation ${conversationId}; omit conversationId to start one.`);
    }
    return record.messages as ChatMessage[];
  }

  async save(client: string, conversationId: string, messages: readonly ChatMessage[]): Promise<void> {
    const kept = messages.slice(-this.config.llm.conversation.maxMessages);
    const value = ISSUED_ID.test(conversationId) ? { owner: ownerOf(client), messages: kept } : kept;
    await this.cache.set(keyOf(client, conversationId), JSON.stringify(value), this.config.llm.conversation.ttlSeconds);
  }
}

function parsed(stored: string | undefined): unknown {
  if (stored === undefined) return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

/** The caller's identity hashed: an address or user id does not belong in a cache key or value. */
function ownerOf(client: string): string {
  return createHash('sha256').update(client).digest('base64url').slice(0, 22);
}

/** An issued id names one conversation for everyone (its record says whose); a chosen name is per caller. */
function keyOf(client: string, conversationId: string): string {
  return ISSUED_ID.test(conversationId)
    ? `conversation:issued:${conversationId}`
    : `conversation:${ownerOf(client)}:${conversationId}`;
}
