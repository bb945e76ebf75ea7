import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_CACHE_VALUE_LENGTH = 16_384;
export const MAX_CACHE_TTL_SECONDS = 86_400;
export const CACHE_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export class CacheKeyParams {
  @ApiProperty({ pattern: CACHE_KEY_PATTERN.source, example: 'greeting' })
  @IsString()
  @Matches(CACHE_KEY_PATTERN, { message: 'key must be 1-128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"' })
  key!: string;
}

export class PutCacheEntryDto {
  @ApiProperty({ maxLength: MAX_CACHE_VALUE_LENGTH, example: 'hello' })
  @IsString()
  @MaxLength(MAX_CACHE_VALUE_LENGTH)
  value!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_CACHE_TTL_SECONDS, example: 60 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CACHE_TTL_SECONDS)
  ttlSeconds!: number;
}

export class CacheEntryView {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  value!: string;
}

export class CacheStatsView {
  @ApiProperty({ enum: ['redis', 'memory'] })
  backend!: string;

  @ApiProperty({ description: 'Reads that found a value, since this process started' })
  hits!: number;

  @ApiProperty({ description: 'Reads that found nothing (or hit a Redis failure), since this process started' })
  misses!: number;

  @ApiProperty({ description: 'Keys currently stored by this app' })
  keys!: number;
}
