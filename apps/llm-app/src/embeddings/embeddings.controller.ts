import { ApiCredentials, type AuthenticatedRequest, Scopes, clientIdentityOf } from '@app/auth';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenBudget } from '../budgets/token-budget';
import { abortWhenClientLeaves } from '../completions/request-abort';
import { type EmbeddingsRequest, embeddingsRequestSchema } from '../openai/embeddings.schema';
import { openAiErrorResponses } from '../openai/openai-error.responses';
import { ZodBodyPipe } from '../openai/zod-body.pipe';
import { EmbeddingsCache } from './embeddings-cache';
import { EmbeddingsService } from './embeddings.service';

@ApiTags('openai')
@ApiCredentials()
@Scopes('llm:invoke')
@Controller('v1')
export class EmbeddingsController {
  constructor(
    private readonly embeddings: EmbeddingsService,
    private readonly cache: EmbeddingsCache,
    private readonly budget: TokenBudget,
  ) {}

  @Post('embeddings')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'OpenAI Embeddings. Every field goes to the upstream unchanged; the simulator answers deterministic unit vectors of the requested dimensions (float or base64).',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'input'],
      properties: {
        model: { type: 'string' },
        input: {
          oneOf: [
            { type: 'string' },
            { type: 'array', items: { type: 'string' } },
            { type: 'array', items: { type: 'integer' } },
            { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
          ],
        },
        dimensions: { type: 'integer', minimum: 1, maximum: 3072 },
        encoding_format: { type: 'string', enum: ['float', 'base64'] },
        user: { type: 'string' },
      },
      example: { model: 'simulated', input: ['first text', 'second text'], dimensions: 256 },
    },
  })
  @ApiOkResponse({
    description:
      "An OpenAI list of embedding objects with usage (x-cache: hit or miss when the response cache is on; the upstream's x-ratelimit-* headers and its x-request-id as x-upstream-request-id)",
    schema: {
      example: {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: [0.0123, -0.0456] }],
        model: 'simulated',
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
    },
  })
  @openAiErrorResponses()
  async create(
    @Body(new ZodBodyPipe(embeddingsRequestSchema)) body: EmbeddingsRequest,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const routes = this.embeddings.routes(body);
    const client = clientIdentityOf(request.principal, request.ip);
    await this.budget.ensureAvailable(client);
    const key = this.cache.keyFor(body);
    if (key !== undefined) {
      const cached = await this.cache.get(key);
      if (cached !== undefined) {
        void reply.header('x-cache', 'hit');
        return cached;
      }
    }
    const result = await this.embeddings.create(body, routes, abortWhenClientLeaves(reply));
    await this.budget.spend(client, result.inputTokens);
    void reply.headers(result.headers);
    if (key !== undefined) {
      await this.cache.set(key, result.body);
      void reply.header('x-cache', 'miss');
    }
    return result.body;
  }
}
