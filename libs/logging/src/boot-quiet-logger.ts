import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: one line per module initialised and per route mapped,
 * about 60 per app. Kept at debug (LOG_LEVEL=debug shows them), so the boot prints
 * what a reader needs: warnings and where the app is ready.
 */
export const BOOT_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Forwards to the app's logger, demoting Nest's start-up lines (BOOT_CONTEXTS) from info to debug. */
export class BootQuietLogger implements LoggerService {
  constructor(private readonly target: LoggerService & { debug(message: unknown, ...rest: unknown[]): void }) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context)) this.target.debug(message, ...rest);
    else this.target.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.target.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.target.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.target.debug(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.target.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.target.fatal?.(message, ...rest);
  }
}
