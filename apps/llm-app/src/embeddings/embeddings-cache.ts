import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CacheStore } from '@app/cache';
import type { EmbeddingsRequest } from '../openai/embeddings.schema';
import { LlmMetrics } from '../telemetry/llm-metrics';
import { LlmAppConfig } from '../config/llm-app-config';

/**
 * Embeddings of the same input by the same model are the same every time, so, with the response
 * cache on (LLM_RESPONSE_CACHE_TTL_SECONDS), a repeated request is answered from the shared cache
 * and counted in the same lookups metric as chat's.
 */
@Injectable()
export class EmbeddingsCache {
  constructor(
    private readonly cache: CacheStore,
    private readonly config: LlmAppConfig,
    private readonly metrics: LlmMetrics,
  ) {}

  /** The request's key, or undefined while the cache is off. */
  keyFor(request: EmbeddingsRequest): string | undefined {
    if (this.config.llm.responseCacheTtlSeconds === 0) return undefined;
    // Every field but `user` shapes the answer (unknown ones too: they reach the upstream).
    const { user: _user, ...shape } = request;
    const canonical = JSON.stringify(Object.entries(shape).sort(([a], [b]) => a.localeCompare(b)));
    return `llm-embeddings:${createHash('sha256').update(canonical).digest('hex')}`;
  }

  async get(key: string): Promise<Record<string, unknown> | undefined> {
    const stored = await this.cache.get(key);
    this.metrics.responseCacheLookup(stored === undefined ? 'miss' : 'hit');
    return stored === undefined ? undefined : (JSON.parse(stored) as Record<string, unknown>);
  }

  async set(key: string, body: Record<string, unknown>): Promise<void> {
    await this.cache.set(key, JSON.stringify(body), this.config.llm.responseCacheTtlSeconds);
  }
}
