import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, Scopes } from '@app/auth';
import { CacheStore } from '@app/cache';
import { ApiProblems, NotFoundError } from '@app/errors';
import { API_PREFIX } from '../api-prefix';
import { CacheEntryView, CacheKeyParams, CacheStatsView, PutCacheEntryDto } from './dto/cache-entry.dto';

/**
 * Where a caller's keys live: apart from the app's own cache entries, and apart from every
 * other user's (a key is the caller's choice, so it only names something inside their space;
 * a user's tokens and API keys share it).
 */
function keyOf(principal: Principal, key: string): string {
  return `kv:${principal.userId}:${key}`;
}

@ApiTags('cache')
@ApiCredentials()
@Controller(`${API_PREFIX}/cache`)
export class CacheDemoController {
  constructor(private readonly cache: CacheStore) {}

  @Get()
  @Scopes('cache:read')
  @ApiOperation({ summary: 'Which backend serves the cache, and its hit and miss counts.' })
  @ApiOkResponse({ type: CacheStatsView })
  @ApiProblems(401, 403, 429)
  async stats(): Promise<CacheStatsView> {
    const { backend, hits, misses, keys } = await this.cache.stats();
    return { backend, hits, misses, keys };
  }

  @Put(':key')
  @HttpCode(204)
  @Scopes('cache:write')
  @ApiOperation({ summary: 'Store a value under a key for ttlSeconds.' })
  @ApiNoContentResponse({ description: 'Stored' })
  @ApiProblems(400, 401, 403, 413, 429)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CacheKeyParams,
    @Body() body: PutCacheEntryDto,
  ): Promise<void> {
    await this.cache.set(keyOf(principal, params.key), body.value, body.ttlSeconds);
  }

  @Get(':key')
  @Scopes('cache:read')
  @ApiOperation({ summary: 'Read a value.' })
  @ApiOkResponse({ type: CacheEntryView })
  @ApiProblems(400, 401, 403, 404, 429)
  async get(@CurrentPrincipal() principal: Principal, @Param() params: CacheKeyParams): Promise<CacheEntryView> {
    const value = await this.cache.get(keyOf(principal, params.key));
    if (value === undefined) throw new NotFoundError(`Nothing is cached under ${params.key}.`);
    return { key: params.key, value };
  }

  @Delete(':key')
  @HttpCode(204)
  @Scopes('cache:write')
  @ApiOperation({ summary: 'Remove a value.' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 429)
  async delete(@CurrentPrincipal() principal: Principal, @Param() params: CacheKeyParams): Promise<void> {
    if (!(await this.cache.delete(keyOf(principal, params.key)))) {
      throw new NotFoundError(`Nothing is cached under ${params.key}.`);
    }
  }
}
