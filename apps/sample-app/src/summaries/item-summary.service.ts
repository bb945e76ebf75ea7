import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ItemsService } from '../items/items.service';
import type { ItemSummaryView } from './item-summary.view';
import { type GatewayMessage, LlmGateway } from './llm-gateway';
import { SampleAppConfig } from '../config/sample-app-config';

const INSTRUCTIONS =
  'You write the one-paragraph summary shown on a catalogue page. Answer with at most two plain sentences, no lists, no markup.';

/**
 * Summaries of items, written by whatever model llm-app routes
 * LLM_GATEWAY_MODEL to. Nothing is stored: llm-app's response cache is the
 * place for repeat answers.
 */
@Injectable()
export class ItemSummaryService {
  constructor(
    private readonly items: ItemsService,
    private readonly gateway: LlmGateway,
    private readonly config: SampleAppConfig,
  ) {}

  /**
   * `callerBearer` is the token the caller authenticated with. An access token
   * is passed on, so llm-app limits and budgets the user; any other caller is
   * represented by sample-app's own llm-app key (LLM_GATEWAY_API_KEY), if any.
   */
  async summarise(caller: Principal, itemId: string, callerBearer: string | undefined): Promise<ItemSummaryView> {
    const item = await this.items.get(itemId);
    const messages: GatewayMessage[] = [
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: `Name: ${item.name}\nDescription: ${item.description || '(none)'}` },
    ];
    const bearer = caller.kind === 'access-token' ? callerBearer : this.config.llmGateway.apiKey;
    const completion = await this.gateway.complete(
      { messages, maxTokens: this.config.llmGateway.summaryMaxTokens },
      bearer,
    );
    return {
      itemId: item.id,
      summary: completion.text.trim(),
      model: completion.model,
      finishReason: completion.finishReason,
      usage: completion.usage,
    };
  }
}
