import { InvalidIdempotencyKeyError } from './idempotency.errors';
import { idempotencyKeyOf } from './idempotency-key-header';

describe(idempotencyKeyOf.name, () => {
  it('returns undefined when the request has no header', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it('returns a bare key as sent', () => {
    expect(idempotencyKeyOf('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
  });

  it('returns the content of an IETF structured-field string, without its quotes', () => {
    expect(idempotencyKeyOf('"abc-123"')).toBe('abc-123');
  });

  it('accepts exactly 255 characters', () => {
    expect(idempotencyKeyOf('k'.repeat(255))).toHaveLength(255);
  });

  it.each([
    ['256 characters', 'k'.repeat(256), 'at most 255'],
    ['an empty value', '', 'must not be empty'],
    ['empty quotes', '""', 'must not be empty'],
    ['a space inside', 'two words', 'visible ASCII'],
    ['a non-ASCII character', 'clé', 'visible ASCII'],
    ['a quote inside quotes', '"a"b"', 'visible ASCII'],
    ['the header twice', ['a', 'b'], 'sent once'],
  ])('throws a 400 naming the header for %s', (_case, header, why) => {
    let thrown: unknown;
    try {
      idempotencyKeyOf(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidIdempotencyKeyError);
    const error = thrown as InvalidIdempotencyKeyError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('Idempotency-Key');
    expect(error.message).toContain(why);
    expect(error.extensions).toEqual({ header: 'Idempotency-Key' });
  });
});
