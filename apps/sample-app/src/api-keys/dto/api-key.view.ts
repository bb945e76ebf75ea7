import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCOPES } from '@app/auth';
import type { ApiKeyEntity } from '../api-key.entity';
import { decodeScopes } from '../stored-scopes';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Visible part of the key, to tell keys apart', example: 'nko_Ab3dEf6hIj9k' })
  prefix!: string;

  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes!: string[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the key last authenticated a request, to the minute; null: never used',
  })
  lastUsedAt!: string | null;

  static of(key: ApiKeyEntity): ApiKeyView {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: decodeScopes(key.scopes),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown once: only its hash is stored.' })
  key!: string;
}
