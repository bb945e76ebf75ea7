import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain.error';

/** Seconds a client is asked to wait after a 503 caused by a dependency (Retry-After). */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 2;

/** A dependency (the database) is down, frozen or refusing connections: the request may succeed later. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'dependency-unavailable';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly title = 'Service Unavailable';
  override readonly headers = { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) };
}

/** Node's socket errors: the peer is gone, refused or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong request": 57P01-57P03 (shutting down,
 * cannot connect now), 53300 (too many connections), 57014 (statement timeout), 08xxx (connection
 * exceptions); SQLite's busy and locked.
 */
const TRANSIENT_SQL_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/** Messages of node-postgres and its pool for a connection that is gone or never came. */
const TRANSIENT_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /Client has encountered a connection error/i,
  /connect ECONNREFUSED/i,
  /the database system is (starting up|shutting down)/i,
];

/**
 * Which failures become a 503 with Retry-After instead of a 500: a dependency that is unavailable,
 * recognised from its error (TypeORM wraps the driver's error as `driverError`), with no need to know
 * the driver. Returns a sentence for the client's detail, or undefined for any other failure.
 */
export function dependencyFailureOf(exception: unknown): DependencyUnavailableError | undefined {
  if (exception instanceof DependencyUnavailableError) return exception;
  for (const error of [exception, driverErrorOf(exception), causeOf(exception)]) {
    if (typeof error !== 'object' || error === null) continue;
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    const transient =
      (typeof code === 'string' &&
        (NETWORK_CODES.has(code) || TRANSIENT_SQL_STATES.has(code) || code.startsWith('08'))) ||
      (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message)));
    if (transient) {
      return new DependencyUnavailableError('The database is unavailable right now; retry the request shortly.');
    }
  }
  return undefined;
}

function driverErrorOf(exception: unknown): unknown {
  return typeof exception === 'object' && exception !== null
    ? (exception as { driverError?: unknown }).driverError
    : undefined;
}

function causeOf(exception: unknown): unknown {
  return exception instanceof Error ? exception.cause : undefined;
}
