import { ApiCredentials, type AuthenticatedRequest, Scopes, clientIdentityOf } from '@app/auth';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenBudget } from '../budgets/token-budget';
import { abortWhenClientLeaves } from '../completions/request-abort';
import { openAiErrorResponses } from '../openai/openai-error.responses';
import { type ResponsesRequest, responsesRequestSchema } from '../openai/responses.schema';
import { ZodBodyPipe } from '../openai/zod-body.pipe';
import { responseEvents } from './response-events';
import { ResponsesService } from './responses.service';

@ApiTags('openai')
@ApiCredentials()
@Scopes('llm:invoke')
@Controller('v1')
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly budget: TokenBudget,
  ) {}

  @Post('responses')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'OpenAI Responses API, relayed natively to upstreams that have it (LLM_UPSTREAMS responsesApi) and answered by the simulator; 400 for a model whose upstream has not. With "stream": true the answer is the Responses event stream (response.created … response.completed).',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model'],
      properties: {
        model: { type: 'string' },
        input: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] },
        instructions: { type: 'string' },
        tools: { type: 'array', items: { type: 'object' } },
        tool_choice: {},
        text: { type: 'object' },
        max_output_tokens: { type: 'integer' },
        stream: { type: 'boolean' },
      },
      example: { model: 'simulated', input: 'Hello', stream: false },
    },
  })
  @ApiOkResponse({
    description:
      "A response object, or a text/event-stream of Responses API events; either way with the upstream's x-ratelimit-* headers and its x-request-id as x-upstream-request-id",
  })
  @openAiErrorResponses()
  async create(
    @Body(new ZodBodyPipe(responsesRequestSchema)) body: ResponsesRequest,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const routes = this.responses.routes(body);
    const client = clientIdentityOf(request.principal, request.ip);
    await this.budget.ensureAvailable(client);
    const signal = abortWhenClientLeaves(reply);
    if (body.stream === true) {
      const { events, headers } = await this.responses.openStream(body, routes, signal, (tokens) => {
        void this.budget.spend(client, tokens);
      });
      void reply
        .headers(headers)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(responseEvents(events));
      return;
    }
    const { response, tokens, headers } = await this.responses.create(body, routes, signal);
    await this.budget.spend(client, tokens);
    void reply.headers(headers).send(response);
  }
}
