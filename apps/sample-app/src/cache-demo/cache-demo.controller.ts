import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, Scopes } from '@app/auth';
import { CacheStore } from '@app/cache';
import { ApiProblems, NotFoundError } from '@app/common';
import { API_PREFIX } from '../api-prefix';
import { CacheEntryView, CacheKeyParams, CacheStatsView, PutCacheEntryDto } from './dto/cache-entry.dto';

/** Namespace of the example's keys, apart from the app's own cache entries. */
const NAMESPACE = 'kv:';

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
  async put(@Param() params: CacheKeyParams, @Body() body: PutCacheEntryDto): Promise<void> {
    await this.cache.set(NAMESPACE + params.key, body.value, body.ttlSeconds);
  }

  @Get(':key')
  @Scopes('cache:read')
  @ApiOperation({ summary: 'Read a value.' })
  @ApiOkResponse({ type: CacheEntryView })
  @ApiProblems(400, 401, 403, 404, 429)
  async get(@Param() params: CacheKeyParams): Promise<CacheEntryView> {
    const value = await this.cache.get(NAMESPACE + params.key);
    if (value === undefined) throw new NotFoundError(`Nothing is cached under ${params.key}.`);
    return { key: params.key, value };
  }

  @Delete(':key')
  @HttpCode(204)
  @Scopes('cache:write')
  @ApiOperation({ summary: 'Remove a value.' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 429)
  async delete(@Param() params: CacheKeyParams): Promise<void> {
    if (!(await this.cache.delete(NAMESPACE + params.key))) {
      throw new NotFoundError(`Nothing is cached under ${params.key}.`);
    }
  }
}
