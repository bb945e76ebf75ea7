import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { Clock } from '../lifecycle/clock';
import { createValidationPipe } from './validation.pipe';

/**
 * The request pipeline every app shares, registered as app providers so that
 * a testing module built from the app module gets exactly the same stack; and
 * the Clock every service reads time from.
 */
@Global()
@Module({
  providers: [
    Clock,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [Clock],
})
export class HttpPlatformModule {}
