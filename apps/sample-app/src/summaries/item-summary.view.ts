import { ApiProperty } from '@nestjs/swagger';

export class SummaryUsageView {
  @ApiProperty({ example: 42 })
  promptTokens!: number;

  @ApiProperty({ example: 18 })
  completionTokens!: number;

  @ApiProperty({ example: 60 })
  totalTokens!: number;
}

export class ItemSummaryView {
  @ApiProperty({ format: 'uuid' })
  itemId!: string;

  @ApiProperty({ example: 'A 200 mm reflector telescope for deep-sky viewing.' })
  summary!: string;

  @ApiProperty({ example: 'simulated', description: 'The model that wrote the summary, as llm-app reports it' })
  model!: string;

  @ApiProperty({ example: 'stop', description: '`length` when the summary hit LLM_SUMMARY_MAX_TOKENS' })
  finishReason!: string;

  @ApiProperty({ type: SummaryUsageView })
  usage!: SummaryUsageView;
}
