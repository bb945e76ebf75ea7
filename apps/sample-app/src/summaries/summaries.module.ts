import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { ItemSummaryController } from './item-summary.controller';
import { ItemSummaryService } from './item-summary.service';
import { LlmGateway } from './llm-gateway';
import { OpenAiCompatibleLlmGateway } from './openai-compatible-llm-gateway';

/** Item summaries written through llm-app. */
@Module({
  imports: [ItemsModule],
  controllers: [ItemSummaryController],
  providers: [ItemSummaryService, { provide: LlmGateway, useClass: OpenAiCompatibleLlmGateway }],
})
export class SummariesModule {}
