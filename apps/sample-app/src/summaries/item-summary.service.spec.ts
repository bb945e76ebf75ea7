import type { Principal } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { loadConfig } from '@app/config';
import type { ItemView } from '../items/item.view';
import type { ItemsService } from '../items/items.service';
import { SAMPLE_APP } from '../sample-app.identity';
import { ItemSummaryService } from './item-summary.service';
import { type GatewayCompletion, type GatewayCompletionRequest, LlmGateway } from './llm-gateway';

const ITEM: ItemView = {
  id: '01900000-0000-7000-8000-0000000000aa',
  ownerId: 'owner-1',
  name: 'Telescope',
  description: 'A 200 mm reflector.',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const USER: Principal = { kind: 'access-token', userId: 'u1', role: 'user', scopes: [], credentialId: 'jti-1' };
const KEY_HOLDER: Principal = { ...USER, kind: 'api-key', credentialId: 'key-1' };

/** Records what it was asked and answers with a fixed completion. */
class RecordingGateway extends LlmGateway {
  readonly calls: { request: GatewayCompletionRequest; bearer: string | undefined }[] = [];

  complete(request: GatewayCompletionRequest, bearer: string | undefined): Promise<GatewayCompletion> {
    this.calls.push({ request, bearer });
    return Promise.resolve({
      text: '  A small reflector telescope.\n',
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
      usage: { promptTokens: 40, completionTokens: 6, totalTokens: 46 },
    });
  }
}

function serviceWith(env: Record<string, string> = {}) {
  const gateway = new RecordingGateway();
  const items = {
    get: (id: string) => (id === ITEM.id ? Promise.resolve(ITEM) : Promise.reject(new NotFoundError(`no ${id}`))),
  } as unknown as ItemsService;
  return { gateway, service: new ItemSummaryService(items, gateway, loadConfig(env, SAMPLE_APP)) };
}

describe(ItemSummaryService.name, () => {
  describe('summarise', () => {
    it("asks for a summary of the item's name and description, bounded by LLM_SUMMARY_MAX_TOKENS", async () => {
      const { gateway, service } = serviceWith({ LLM_SUMMARY_MAX_TOKENS: '64' });
      await service.summarise(USER, ITEM.id, 'user-token');
      const [call] = gateway.calls;
      expect(call?.request.maxTokens).toBe(64);
      expect(call?.request.messages).toEqual([
        { role: 'system', content: expect.stringContaining('summary') },
        { role: 'user', content: 'Name: Telescope\nDescription: A 200 mm reflector.' },
      ]);
    });

    it('returns the trimmed summary, the answering model and the usage', async () => {
      const { service } = serviceWith();
      expect(await service.summarise(USER, ITEM.id, 'user-token')).toEqual({
        itemId: ITEM.id,
        summary: 'A small reflector telescope.',
        model: 'gpt-4o-mini-2024-07-18',
        finishReason: 'stop',
        usage: { promptTokens: 40, completionTokens: 6, totalTokens: 46 },
      });
    });

    it("passes a signed-in user's own access token on, even when sample-app holds a key", async () => {
      const { gateway, service } = serviceWith({ LLM_GATEWAY_API_KEY: 'service-key' });
      await service.summarise(USER, ITEM.id, 'user-token');
      expect(gateway.calls[0]?.bearer).toBe('user-token');
    });

    it("sends sample-app's own key for an API-key caller, whose key llm-app cannot verify, and none without one", async () => {
      const withKey = serviceWith({ LLM_GATEWAY_API_KEY: 'service-key' });
      await withKey.service.summarise(KEY_HOLDER, ITEM.id, 'nko_sample_key');
      expect(withKey.gateway.calls[0]?.bearer).toBe('service-key');
      const withoutKey = serviceWith();
      await withoutKey.service.summarise(KEY_HOLDER, ITEM.id, 'nko_sample_key');
      expect(withoutKey.gateway.calls[0]?.bearer).toBeUndefined();
    });

    it('fails with NotFoundError for a missing item without asking the gateway', async () => {
      const { gateway, service } = serviceWith();
      await expect(service.summarise(USER, '01900000-0000-7000-8000-000000000000', 't')).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(gateway.calls).toHaveLength(0);
    });
  });
});
