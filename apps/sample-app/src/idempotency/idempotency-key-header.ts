import { InvalidIdempotencyKeyError } from './idempotency.errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Visible ASCII only: the key is stored and compared byte for byte, and echoed in problem details. */
const KEY = /^[\x21-\x7e]+$/;

/**
 * The key from the header, or undefined when the request has none. Accepts the IETF draft's
 * structured-field string (`"8e03978e-..."`) and a bare token (as Stripe's clients send); refuses
 * an empty, repeated or over-long value, or one with spaces or non-ASCII, with a 400 naming the header.
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw invalid('must be sent once');
  const quoted = header.length >= 2 && header.startsWith('"') && header.endsWith('"');
  const key = quoted ? header.slice(1, -1) : header.trim();
  if (key.length === 0) throw invalid('must not be empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw invalid(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  if (!KEY.test(key) || (quoted && key.includes('"'))) throw invalid('must be visible ASCII without spaces');
  return key;
}

function invalid(why: string): InvalidIdempotencyKeyError {
  return new InvalidIdempotencyKeyError(
    `The ${IDEMPOTENCY_KEY_HEADER} header ${why} (use a random UUID per operation).`,
    { header: IDEMPOTENCY_KEY_HEADER },
  );
}
