import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, type Principal } from '@app/auth';
import { LlmAppConfig } from '../config/llm-app-config';

/**
 * llm-app's own API keys: configuration holds only their SHA-256 digests
 * (LLM_API_KEY_SHA256), so neither the config nor a leaked ConfigMap or Secret
 * reveals a usable key. A key grants `llm:invoke` and nothing else.
 */
@Injectable()
export class ConfigApiKeyAuthenticator extends ApiKeyAuthenticator {
  private readonly digests: readonly Buffer[];

  constructor(config: LlmAppConfig) {
    super();
    this.digests = config.llm.apiKeyHashes.map((hash) => Buffer.from(hash, 'hex'));
  }

  authenticate(key: string): Promise<Principal | undefined> {
    const digest = createHash('sha256').update(key).digest();
    // Compare against every configured digest so the time spent does not say which one matched.
    let match: Buffer | undefined;
    for (const candidate of this.digests) if (timingSafeEqual(candidate, digest)) match = candidate;
    if (match === undefined) return Promise.resolve(undefined);
    const id = `key-${match.toString('hex').slice(0, 12)}`;
    return Promise.resolve({ kind: 'api-key', userId: id, role: 'user', scopes: ['llm:invoke'], credentialId: id });
  }
}
