import { type DynamicModule, type ExceptionFilter, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from '@app/errors';
import { Clock, ShutdownDeadline } from '@app/lifecycle';
import { createValidationPipe } from './validation.pipe';

export interface HttpPlatformOptions {
  /**
   * The one global exception filter. An app whose API speaks another error
   * format on some paths (llm-app's OpenAI routes) extends ProblemDetailsFilter.
   * @default ProblemDetailsFilter
   */
  readonly exceptionFilter?: Type<ExceptionFilter>;
  /**
   * Modules whose exported providers the exception filter injects (llm-app
   * counts the requests its rate limit refused).
   * @default []
   */
  readonly imports?: ModuleMetadata['imports'];
}

/**
 * The request pipeline every app shares, registered as app providers so that
 * a testing module built from the app module gets exactly the same stack; and
 * the Clock every service reads time from, and the shutdown deadline.
 */
@Module({})
export class HttpPlatformModule {
  static forRoot(options: HttpPlatformOptions = {}): DynamicModule {
    return {
      module: HttpPlatformModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        Clock,
        ShutdownDeadline,
        { provide: APP_FILTER, useClass: options.exceptionFilter ?? ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [Clock, ShutdownDeadline],
    };
  }
}
