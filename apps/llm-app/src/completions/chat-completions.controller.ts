import { Clock, ShutdownDeadline } from '@app/common';
import { ApiCredentials, type AuthenticatedRequest, Scopes, clientIdentityOf } from '@app/auth';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ChatCompletionRequest, chatCompletionRequestSchema } from '../openai/chat-completion.schema';
import type { ChatCompletionView, ModelListView } from '../openai/chat-completion.views';
import { OpenAiError } from '../openai/openai.errors';
import { ZodBodyPipe } from '../openai/zod-body.pipe';
import { ModelRouter } from '../providers/model-router';
import { CompletionsService } from './completions.service';
import { TokenBudget } from '../budgets/token-budget';
import { ResponseCache } from './response-cache';
import { abortWhenClientLeaves } from './request-abort';
import { serverSentEvents } from './server-sent-events';

const OPENAI_ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        type: { type: 'string', example: 'invalid_request_error' },
        param: { type: 'string', nullable: true },
        code: { type: 'string', nullable: true },
      },
    },
  },
};

const openAiError = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/json': { schema: OPENAI_ERROR_SCHEMA } } });

@ApiTags('openai')
@ApiCredentials()
@Scopes('llm:invoke')
@Controller('v1')
export class ChatCompletionsController {
  constructor(
    private readonly completions: CompletionsService,
    private readonly responses: ResponseCache,
    private readonly budget: TokenBudget,
    private readonly clock: Clock,
    private readonly router: ModelRouter,
    private readonly shutdown: ShutdownDeadline,
  ) {}

  @Post('chat/completions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'OpenAI Chat Completions. With "stream": true the answer is Server-Sent Events ending in "data: [DONE]".',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'messages'],
      example: { model: 'simulated', messages: [{ role: 'user', content: 'Hello' }], stream: false },
    },
  })
  @ApiOkResponse({ description: 'A chat.completion object, or a text/event-stream of chat.completion.chunk objects' })
  @openAiError(400, 'Invalid request (OpenAI error shape)')
  @openAiError(404, 'Unknown model')
  @openAiError(429, 'The upstream provider is rate limiting (Retry-After says when to retry)')
  @openAiError(502, 'The upstream provider failed')
  @openAiError(503, 'The upstream provider is unavailable (circuit open)')
  @openAiError(504, 'The upstream provider timed out')
  async create(
    @Body(new ZodBodyPipe(chatCompletionRequestSchema)) body: ChatCompletionRequest,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const routes = this.completions.routes(body);
    const client = clientIdentityOf(request.principal, request.ip);
    await this.budget.ensureAvailable(client);
    const signal = abortWhenClientLeaves(reply);
    if (body.stream === true) {
      // A stream ends at the client's leaving or at the shutdown deadline, whichever comes first.
      const streamSignal = AbortSignal.any([signal, this.shutdown.signal]);
      const chunks = await this.completions.openStream(body, routes, streamSignal, (usage) => {
        void this.budget.spend(client, usage.promptTokens + usage.completionTokens);
      });
      const stream = serverSentEvents(chunks, toInBandError, this.shutdown.signal);
      void reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream);
      return;
    }
    const cacheKey = this.responses.keyFor(body);
    if (cacheKey !== undefined) {
      const cached = await this.responses.get(cacheKey, Math.floor(this.clock.nowMs() / 1_000));
      if (cached !== undefined) {
        void reply.header('x-cache', 'hit').send(cached);
        return;
      }
    }
    const completion: ChatCompletionView = await this.completions.complete(body, routes, signal);
    await this.budget.spend(client, completion.usage.total_tokens);
    if (cacheKey !== undefined) {
      await this.responses.set(cacheKey, completion);
      void reply.header('x-cache', 'miss');
    }
    void reply.send(completion);
  }

  @Get('models')
  @ApiOperation({ summary: 'The models this gateway serves (OpenAI list format).' })
  @ApiOkResponse({
    schema: {
      example: { object: 'list', data: [{ id: 'simulated', object: 'model', created: 0, owned_by: 'simulated' }] },
    },
  })
  models(): ModelListView {
    return {
      object: 'list',
      data: this.router.models().map((route) => ({
        id: route.publicModel,
        object: 'model',
        created: 0,
        owned_by: route.provider.name,
      })),
    };
  }
}

function toInBandError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  return new OpenAiError(502, 'upstream_error', 'stream_interrupted', 'The completion stream was interrupted.');
}
