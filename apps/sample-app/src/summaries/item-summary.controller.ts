import { Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, Scopes, bearerCredentialOf } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { API_PREFIX } from '../api-prefix';
import { ItemSummaryService } from './item-summary.service';
import { ItemSummaryView } from './item-summary.view';

@ApiTags('items')
@ApiCredentials()
@Controller(`${API_PREFIX}/items`)
export class ItemSummaryController {
  constructor(private readonly summaries: ItemSummaryService) {}

  @Post(':id/summary')
  @HttpCode(200)
  @Scopes('items:read')
  @ApiOperation({
    summary: 'Summarise an item with the LLM behind llm-app.',
    description:
      'Asks llm-app (LLM_GATEWAY_URL) for a completion; one trace spans sample-app, llm-app and the provider. ' +
      "A caller signed in with an access token is passed on to llm-app as themself, so llm-app's limits and token budget apply to them.",
  })
  @ApiOkResponse({ type: ItemSummaryView })
  @ApiProblems(400, 401, 403, 404, 429, 502, 503, 504)
  summarise(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<ItemSummaryView> {
    return this.summaries.summarise(principal, id, bearerCredentialOf(authorization));
  }
}
