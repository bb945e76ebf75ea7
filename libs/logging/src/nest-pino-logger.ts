import type { LoggerService } from '@nestjs/common';
import type pino from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** A stack trace as Nest's exception handlers pass it: a string of "at ..." lines. */
const STACK = /\n\s*at /;

/**
 * Nest's LoggerService over the app's pino logger. The last argument Nest passes is the context
 * ("Bootstrap", a class name): it becomes the `context` field. An Error becomes `err`, an object
 * is merged into the line, and Nest's own `error(message, stack, context)` keeps its stack.
 */
export class NestPinoLogger implements LoggerService {
  constructor(readonly pino: pino.Logger) {}

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const params = rest.length > 0 ? rest.slice(0, -1) : [];
    if (rest.length > 0) fields.context = rest.at(-1);
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, ...(params as []));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level](Object.assign(fields, message), ...(params as []));
    } else if (level === 'error' && params.length === 1 && typeof params[0] === 'string' && STACK.test(params[0])) {
      const err = new Error(String(message));
      err.stack = params[0];
      this.pino[level]({ ...fields, err });
    } else {
      this.pino[level](fields, String(message), ...(params as []));
    }
  }
}
