import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, SessionRequired } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { API_PREFIX } from '../api-prefix';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyView, CreatedApiKeyView } from './dto/api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiCredentials()
// A key that could mint keys could escalate its own scopes: key management needs a signed-in user.
@SessionRequired()
@Controller(`${API_PREFIX}/auth/api-keys`)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  // The plain key is never stored: a retry with the same Idempotency-Key gets 409 naming the key's id.
  @Idempotent({ secretField: 'key' })
  @ApiOperation({
    summary:
      'Create an API key for yourself (with an access token; API keys get 403). The response holds the key; it is never shown again, not even to a retry with the same Idempotency-Key (409 naming the key id).',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiProblems(400, 401, 403, 429)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const expiresAt = body.expiresAt === undefined ? undefined : new Date(body.expiresAt);
    const created = await this.apiKeys.create(principal, body.name, body.scopes, expiresAt);
    return { ...ApiKeyView.of(created.entity), key: created.key };
  }

  @Get()
  @ApiOperation({ summary: 'Your API keys (without the keys themselves; with an access token).' })
  @ApiOkResponse({ type: [ApiKeyView] })
  @ApiProblems(401, 403, 429)
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyView[]> {
    return (await this.apiKeys.list(principal.userId)).map((key) => ApiKeyView.of(key));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your API keys (with an access token); it stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404, 429)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.apiKeys.revoke(principal.userId, id);
  }
}
