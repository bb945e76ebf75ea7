import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Provides the app's validated configuration to every module. The config is
 * loaded once by the caller (main.ts or a test) and handed in, so the HTTP
 * adapter, which is built before Nest's container, reads the same object.
 */
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
