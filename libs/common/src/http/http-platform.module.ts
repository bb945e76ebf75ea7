import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { createValidationPipe } from './validation.pipe';

/**
 * The request pipeline every app shares, registered as app providers so that
 * a testing module built from the app module gets exactly the same stack.
 */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class HttpPlatformModule {}
