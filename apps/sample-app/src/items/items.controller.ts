import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, Scopes } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { API_PREFIX } from '../api-prefix';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateItemDto, ListItemsQueryDto, UpdateItemDto } from './dto/item.dto';
import { ItemPageView, ItemView } from './item.view';
import { ItemsService } from './items.service';

@ApiTags('items')
@ApiCredentials()
@Controller(`${API_PREFIX}/items`)
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @Scopes('items:read')
  @ApiOperation({ summary: 'List items, newest first, one page at a time.' })
  @ApiOkResponse({ type: ItemPageView })
  @ApiProblems(400, 401, 403, 429)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListItemsQueryDto): Promise<ItemPageView> {
    const ownerId = query.owner === 'me' ? principal.userId : undefined;
    return this.items.list(query.limit, query.cursor, ownerId) as Promise<ItemPageView>;
  }

  @Post()
  @Scopes('items:write')
  @Idempotent()
  @ApiOperation({ summary: 'Create an item owned by the caller. Safe to retry with an Idempotency-Key.' })
  @ApiCreatedResponse({ type: ItemView })
  @ApiProblems(400, 401, 403, 413, 429)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateItemDto): Promise<ItemView> {
    return this.items.create(principal, body.name, body.description);
  }

  @Get(':id')
  @Scopes('items:read')
  @ApiOperation({ summary: 'One item (served from the cache when it is there).' })
  @ApiOkResponse({ type: ItemView })
  @ApiProblems(400, 401, 403, 404, 429)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ItemView> {
    return this.items.get(id);
  }

  @Patch(':id')
  @Scopes('items:write')
  @ApiOperation({ summary: 'Change an item; only its owner or an admin may.' })
  @ApiOkResponse({ type: ItemView })
  @ApiProblems(400, 401, 403, 404, 429)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateItemDto,
  ): Promise<ItemView> {
    return this.items.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('items:write')
  @ApiOperation({ summary: 'Delete an item; only its owner or an admin may.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 429)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.items.delete(principal, id);
  }
}
