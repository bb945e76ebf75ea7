import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class ChatRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 32_000, example: 'What is a histogram?' })
  @IsString()
  @Length(1, 32_000)
  message!: string;

  @ApiPropertyOptional({
    description:
      'Continue a conversation: the id a first reply returned (404 unless it is yours), or a name of your own; omit to start one',
    example: 'c0ffee-1',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, {
    message: 'conversationId must be 1-64 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"',
  })
  conversationId?: string;
}

export class ChatUsageView {
  @ApiProperty()
  promptTokens!: number;

  @ApiProperty()
  completionTokens!: number;

  @ApiProperty()
  totalTokens!: number;
}

export class ChatResponseView {
  @ApiProperty()
  reply!: string;

  @ApiProperty()
  conversationId!: string;

  @ApiProperty()
  model!: string;

  @ApiProperty({ type: ChatUsageView })
  usage!: ChatUsageView;

  @ApiProperty({ type: String, nullable: true, description: 'W3C trace id of this request, when tracing is on' })
  traceId!: string | null;
}
