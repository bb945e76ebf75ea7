import { HttpStatus, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain.error';
import type { FieldProblem } from './problem-details';

export class ValidationFailedError extends DomainError {
  readonly code = 'validation-failed';
  readonly status = HttpStatus.BAD_REQUEST;
  readonly title = 'Validation Failed';

  constructor(readonly errors: readonly FieldProblem[]) {
    super('The request is invalid; see errors for each rejected field.', { errors });
  }

  /** ValidationPipe `exceptionFactory`: flattens nested errors into dotted field paths. */
  static fromValidationErrors(validationErrors: readonly ValidationError[]): ValidationFailedError {
    const fields: FieldProblem[] = [];
    const walk = (errors: readonly ValidationError[], prefix: string): void => {
      for (const error of errors) {
        const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
        for (const message of Object.values(error.constraints ?? {})) {
          fields.push({ field, message });
        }
        walk(error.children ?? [], field);
      }
    };
    walk(validationErrors, '');
    return new ValidationFailedError(fields);
  }
}
