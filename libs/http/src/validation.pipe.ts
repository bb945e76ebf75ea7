import { ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '@app/errors';

/**
 * The one ValidationPipe: unknown properties are refused (not silently
 * dropped), payloads become DTO instances, and failures list every field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ValidationFailedError.fromValidationErrors(errors),
  });
}
