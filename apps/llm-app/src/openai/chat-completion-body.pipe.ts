import { Injectable, type PipeTransform } from '@nestjs/common';
import { type ChatCompletionRequest, chatCompletionRequestSchema } from './chat-completion.schema';
import { ZodBodyPipe } from './zod-body.pipe';
import { LlmAppConfig } from '../config/llm-app-config';

/** The Chat Completions body, checked against the schema with the configured message bound (LLM_MAX_MESSAGES). */
@Injectable()
export class ChatCompletionBodyPipe implements PipeTransform<unknown, ChatCompletionRequest> {
  private readonly pipe: ZodBodyPipe<ChatCompletionRequest>;

  constructor(config: LlmAppConfig) {
    this.pipe = new ZodBodyPipe(chatCompletionRequestSchema(config.llm.maxMessages));
  }

  transform(value: unknown): ChatCompletionRequest {
    return this.pipe.transform(value);
  }
}
