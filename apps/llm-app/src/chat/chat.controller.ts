import { ApiCredentials, type AuthenticatedRequest, Scopes, clientIdentityOf } from '@app/auth';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/errors';
import { trace } from '@opentelemetry/api';
import { llmTracer } from '../telemetry/gen-ai-span';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatMessage } from '../openai/chat-completion.schema';
import { CompletionsService } from '../completions/completions.service';
import { abortWhenClientLeaves } from '../completions/request-abort';
import { TokenBudget } from '../budgets/token-budget';
import { ChatRequestDto, ChatResponseView } from './chat.dto';
import { ConversationStore } from './conversation.store';
import { LlmAppConfig } from '../config/llm-app-config';

/** The simple form: one message in, one reply out, history kept per conversation. */
@ApiTags('chat')
@ApiCredentials()
@Scopes('llm:invoke')
@Controller('chat')
export class ChatController {
  private readonly tracer = llmTracer();

  constructor(
    private readonly completions: CompletionsService,
    private readonly conversations: ConversationStore,
    private readonly config: LlmAppConfig,
    private readonly budget: TokenBudget,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a message to the default model; pass conversationId to continue a conversation.',
    description:
      'Without conversationId a conversation starts and the reply returns its id (a UUID). That id continues it for its caller only: an unknown, expired or other caller’s issued id answers 404. Any other conversationId is a name of your choosing, private to you.',
  })
  @ApiOkResponse({ type: ChatResponseView })
  @ApiProblems(400, 401, 404, 413, 429)
  chat(
    @Body() body: ChatRequestDto,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatResponseView> {
    // One span for the turn (history, completion, save): the trace id the reply returns.
    return this.tracer.startActiveSpan('chat turn', async (span) => {
      try {
        return await this.turn(body, clientIdentityOf(request.principal, request.ip), reply);
      } finally {
        span.end();
      }
    });
  }

  private async turn(body: ChatRequestDto, client: string, reply: FastifyReply): Promise<ChatResponseView> {
    await this.budget.ensureAvailable(client);
    const conversationId = body.conversationId ?? this.conversations.newId();
    const history = body.conversationId === undefined ? [] : await this.conversations.history(client, conversationId);
    const messages: ChatMessage[] = [...history, { role: 'user', content: body.message }];
    const request = { model: this.config.llm.defaultModel, messages };
    const routes = this.completions.routes(request);
    const { completion } = await this.completions.complete(request, routes, abortWhenClientLeaves(reply));
    await this.budget.spend(client, completion.usage.total_tokens);
    const text = completion.choices[0]?.message.content ?? '';
    await this.conversations.save(client, conversationId, [...messages, { role: 'assistant', content: text }]);
    return {
      reply: text,
      conversationId,
      model: completion.model,
      usage: {
        promptTokens: completion.usage.prompt_tokens,
        completionTokens: completion.usage.completion_tokens,
        totalTokens: completion.usage.total_tokens,
      },
      traceId: trace.getActiveSpan()?.spanContext().traceId ?? null,
    };
  }
}
