import { ApiCredentials, Scopes } from '@app/auth';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { openAiErrorResponses } from '../openai/openai-error.responses';
import { ModelRouter } from '../providers/model-router';

export interface ModelView {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

@ApiTags('openai')
@ApiCredentials()
@Scopes('llm:invoke')
@Controller('v1')
export class ModelController {
  constructor(private readonly router: ModelRouter) {}

  @Get('models/:model')
  @ApiOperation({ summary: 'One served model (OpenAI model object); 404 model_not_found for another id.' })
  @ApiParam({ name: 'model', description: 'A public model name, as GET /v1/models lists it' })
  @ApiOkResponse({ schema: { example: { id: 'simulated', object: 'model', created: 0, owned_by: 'simulated' } } })
  @openAiErrorResponses()
  model(@Param('model') model: string): ModelView {
    const route = this.router.route(model);
    return { id: route.publicModel, object: 'model', created: 0, owned_by: route.provider.name };
  }
}
