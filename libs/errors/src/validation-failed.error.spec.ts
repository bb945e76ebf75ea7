import type { ValidationError } from '@nestjs/common';
import { ValidationFailedError } from './validation-failed.error';

describe(ValidationFailedError.name, () => {
  describe('fromValidationErrors', () => {
    it('flattens nested errors into dotted field paths, one entry per broken constraint', () => {
      const errors: ValidationError[] = [
        {
          property: 'name',
          constraints: { isString: 'name must be a string', isNotEmpty: 'name should not be empty' },
        },
        {
          property: 'owner',
          children: [{ property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] }],
        },
      ];
      expect(ValidationFailedError.fromValidationErrors(errors).errors).toEqual([
        { field: 'name', message: 'name must be a string' },
        { field: 'name', message: 'name should not be empty' },
        { field: 'owner.email', message: 'email must be an email' },
      ]);
    });
  });
});
