import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Provides the app's validated configuration to every module. The config is
 * loaded once by the caller (main.ts or a test) and handed in, so the HTTP
 * adapter, which is built before Nest's container, reads the same object.
 * `appToken` is the app's own token (a subclass of AppConfig that adds the
 * app's sections, such as llm-app's LlmAppConfig): the same object under it.
 */
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, appToken?: abstract new () => AppConfig): DynamicModule {
    const tokens = appToken === undefined ? [AppConfig] : [AppConfig, appToken];
    return {
      module: ConfigModule,
      global: true,
      providers: tokens.map((token) => ({ provide: token, useValue: config })),
      exports: tokens,
    };
  }
}
