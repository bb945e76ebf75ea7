import { ApiProperty } from '@nestjs/swagger';
import type { ItemEntity } from './item.entity';

export class ItemView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The user who created the item' })
  ownerId!: string;

  @ApiProperty({ example: 'Telescope' })
  name!: string;

  @ApiProperty({ example: 'A 200 mm reflector.' })
  description!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(item: ItemEntity): ItemView {
    return {
      id: item.id,
      ownerId: item.ownerId,
      name: item.name,
      description: item.description,
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  }
}

export class ItemPageView {
  @ApiProperty({ type: [ItemView] })
  items!: ItemView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
