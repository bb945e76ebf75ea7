import { Logger } from '@nestjs/common';

/** One line per this long at most: a server restart fails every idle connection of the pool at once. */
const QUIET_MS = 10_000;
const MAX_MESSAGE_CHARS = 200;

/**
 * pg-pool's `error` event: an idle pooled connection failed (the server was restarted, or an
 * operator ran pg_terminate_backend). The pool drops the client and opens another when needed, so
 * this is a warning, not an error. TypeORM's default handler wrote
 * `Postgres pool raised an error. <error>` through its logger; this one writes a structured JSON
 * line through the app's logger with the driver's code and message only (never the connection
 * settings), once per QUIET_MS with a count of the ones it left out.
 */
export function poolErrorLogger(
  logger = new Logger('Database'),
  now = () => performance.now(),
): (error: Error) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (error) => {
    const at = now();
    if (at - lastAt < QUIET_MS) {
      suppressed += 1;
      return;
    }
    lastAt = at;
    const { code } = error as { code?: unknown };
    logger.warn({
      msg: 'a pooled database connection failed; the pool replaces it',
      ...(typeof code === 'string' ? { code } : {}),
      error: String(error.message).slice(0, MAX_MESSAGE_CHARS),
      ...(suppressed > 0 ? { alsoFailedSinceLastLine: suppressed } : {}),
    });
    suppressed = 0;
  };
}
