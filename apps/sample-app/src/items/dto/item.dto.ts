import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../pagination/page-query.dto';

export class CreateItemDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Telescope' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  // Omitted means ''; null is not a description (IsOptional would let it through to a NOT NULL column).
  @ValidateIf((_dto: unknown, value: unknown) => value !== undefined)
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** Any subset of the fields; an empty body changes nothing. */
export class UpdateItemDto extends PartialType(CreateItemDto) {}

export class ListItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['me'], description: '"me" lists only your own items' })
  @IsOptional()
  @IsIn(['me'])
  owner?: 'me';
}
