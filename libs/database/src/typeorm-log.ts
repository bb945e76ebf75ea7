import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 300;

/**
 * TypeORM's log lines through the app's logger (JSON in production), never with query
 * parameters: they carry password hashes, API-key digests and whatever a client sent.
 * A failed query is logged at debug level only (the caller decides whether the failure
 * is an error: a unique-index race during sign-up is not), with the driver's error code
 * and the statement's text, whose values are always placeholders.
 */
export class AppTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {
    // Every query would be a line per request; tracing records them instead.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({
      msg: 'query failed',
      code: errorCode(error),
      error: typeof error === 'string' ? error : error.message,
      query: query.slice(0, MAX_QUERY_CHARS),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', durationMs: time, query: query.slice(0, MAX_QUERY_CHARS) });
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : 'TypeORM message';
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}

function errorCode(error: string | Error): string | undefined {
  if (typeof error === 'string') return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const found = driverError?.code ?? code;
  return typeof found === 'string' ? found : undefined;
}
