import { type DynamicModule, Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';

/** Identity building blocks shared by both apps. */
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      providers: [PasswordHasher],
      exports: [PasswordHasher],
    };
  }
}
