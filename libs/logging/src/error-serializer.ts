import pino from 'pino';

/** Error properties that hold the values a failed query was sent: hashes, digests, whatever a client typed. */
const VALUE_CARRIERS = ['parameters', 'params', 'values', 'bindings'];

/**
 * pino's error serializer, minus what carries query values: TypeORM's QueryFailedError
 * keeps the statement's `parameters` (an Argon2id hash on a racing sign-up), and its
 * `driverError` and `cause` may too. The message, code, statement text and stack stay.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  strip(serialized, 0);
  return serialized;
}

function strip(value: Record<string, unknown>, depth: number): void {
  for (const key of VALUE_CARRIERS) delete value[key];
  if (depth >= 3) return;
  for (const nested of ['driverError', 'cause']) {
    const child = value[nested];
    if (typeof child === 'object' && child !== null) strip(child as Record<string, unknown>, depth + 1);
  }
}
