import { Clock, ShutdownDeadline } from '@app/lifecycle';
import { ApiCredentials, type AuthenticatedRequest, Scopes, clientIdentityOf } from '@app/auth';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionRequest } from '../openai/chat-completion.schema';
import { ChatCompletionBodyPipe } from '../openai/chat-completion-body.pipe';
import type { ModelListView } from '../openai/chat-completion.views';
import { openAiError } from '../openai/openai-error.responses';
import { OpenAiError } from '../openai/openai.errors';
import { ModelRouter } from '../providers/model-router';
import { CompletionsService } from './completions.service';
import { TokenBudget } from '../budgets/token-budget';
import { ResponseCache } from './response-cache';
import { abortWhenClientLeaves } from './request-abort';
import { serverSentEvents } from './server-sent-events';

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
    description:
      'Relayed faithfully: the gateway checks model, messages, the output limits and stream, and passes every other ' +
      'field (tools, tool_choice, response_format, n, logprobs, seed, reasoning_effort, vendor parameters…) to the ' +
      "upstream unchanged; the upstream's chat.completion (or chunks) comes back unchanged but for model. The " +
      "simulator answers tools, structured outputs, n and logprobs itself. The upstream's x-ratelimit-* headers " +
      'come back, its x-request-id as x-upstream-request-id; x-should-retry: false marks answers an SDK must not retry.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'messages'],
      additionalProperties: true,
      properties: {
        model: { type: 'string' },
        messages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['role'],
            properties: {
              role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant', 'tool', 'function'] },
              content: {
                nullable: true,
                oneOf: [
                  { type: 'string' },
                  {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['type'],
                      properties: { type: { type: 'string', example: 'image_url' } },
                    },
                  },
                ],
              },
              tool_calls: { type: 'array', items: { type: 'object' } },
              tool_call_id: { type: 'string' },
            },
          },
        },
        stream: { type: 'boolean' },
        stream_options: { type: 'object', properties: { include_usage: { type: 'boolean' } } },
        max_tokens: { type: 'integer', minimum: 1 },
        max_completion_tokens: { type: 'integer', minimum: 1 },
        tools: { type: 'array', items: { type: 'object' }, description: 'Passed through.' },
        response_format: { type: 'object', description: 'Passed through.' },
      },
      example: { model: 'simulated', messages: [{ role: 'user', content: 'Hello' }], stream: false },
    },
  })
  @ApiOkResponse({ description: 'A chat.completion object, or a text/event-stream of chat.completion.chunk objects' })
  @openAiError(
    400,
    'Invalid request, or a parameter the serving upstream refuses (OpenAI error shape, naming the param)',
  )
  @openAiError(403, "upstream_auth_failed (the upstream refused the gateway's key) or model_access_denied")
  @openAiError(404, 'Unknown model')
  @openAiError(413, 'Body over LLM_API_BODY_LIMIT_BYTES')
  @openAiError(429, 'Rate limit, token budget or upstream rate limit (Retry-After says when to retry)')
  @openAiError(502, 'The upstream provider failed (x-should-retry: false after gateway retries)')
  @openAiError(503, 'The upstream provider is unavailable (circuit open)')
  @openAiError(504, 'The upstream provider timed out')
  async create(
    @Body(ChatCompletionBodyPipe) body: ChatCompletionRequest,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const routes = this.completions.routes(body);
    const client = clientIdentityOf(request.principal, request.ip);
    await this.budget.ensureAvailable(client);
    if (body.stream === true) {
      // A stream ends at the client's leaving or at the shutdown deadline, whichever comes first.
      const streamSignal = abortWhenClientLeaves(reply, this.shutdown.signal);
      const { chunks, headers } = await this.completions.openStream(body, routes, streamSignal, (usage) => {
        void this.budget.spend(client, usage.promptTokens + usage.completionTokens);
      });
      const stream = serverSentEvents(chunks, toInBandError, this.shutdown.signal);
      void reply
        .headers(headers)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream);
      return;
    }
    const signal = abortWhenClientLeaves(reply);
    const cacheKey = this.responses.keyFor(body);
    if (cacheKey !== undefined) {
      const cached = await this.responses.get(cacheKey, Math.floor(this.clock.nowMs() / 1_000));
      if (cached !== undefined) {
        void reply.header('x-cache', 'hit').send(cached);
        return;
      }
    }
    const { json, usage, headers } = await this.completions.complete(body, routes, signal);
    await this.budget.spend(client, usage.promptTokens + usage.completionTokens);
    if (cacheKey !== undefined) {
      await this.responses.set(cacheKey, json);
      void reply.header('x-cache', 'miss');
    }
    // The completion's JSON text as it is (a relayed answer's own, its model rewritten): not serialized again.
    void reply.headers(headers).type('application/json; charset=utf-8').send(json);
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
