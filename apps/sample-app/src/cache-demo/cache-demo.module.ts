import { Module } from '@nestjs/common';
import { CacheDemoController } from './cache-demo.controller';

@Module({ controllers: [CacheDemoController] })
export class CacheDemoModule {}
