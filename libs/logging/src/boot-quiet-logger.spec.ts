import type { LoggerService } from '@nestjs/common';
import { BootQuietLogger } from './boot-quiet-logger';

function recordingLogger() {
  const calls: [level: string, message: unknown, context: unknown][] = [];
  const record =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      calls.push([level, message, rest.at(-1)]);
  const target: LoggerService & { debug(message: unknown, ...rest: unknown[]): void } = {
    log: record('info'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
  };
  return { calls, target };
}

describe(BootQuietLogger.name, () => {
  describe('log', () => {
    it("demotes Nest's module and route lines to debug", () => {
      const { calls, target } = recordingLogger();
      const logger = new BootQuietLogger(target);
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/health, GET} route', 'RouterExplorer');
      expect(calls.map(([level]) => level)).toEqual(['debug', 'debug']);
    });

    it("keeps the app's own lines, such as where it is ready, at info", () => {
      const { calls, target } = recordingLogger();
      new BootQuietLogger(target).log('sample-app ready at http://127.0.0.1:8080', 'Bootstrap');
      expect(calls).toEqual([['info', 'sample-app ready at http://127.0.0.1:8080', 'Bootstrap']]);
    });
  });

  it('passes warnings and errors from any context through unchanged', () => {
    const { calls, target } = recordingLogger();
    const logger = new BootQuietLogger(target);
    logger.warn('slow', 'InstanceLoader');
    logger.error('broken', 'RouterExplorer');
    expect(calls.map(([level]) => level)).toEqual(['warn', 'error']);
  });
});
