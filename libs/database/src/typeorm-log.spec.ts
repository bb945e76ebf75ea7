import { Logger } from '@nestjs/common';
import { type Logger as TypeOrmLogger, QueryFailedError } from 'typeorm';
import { AppTypeOrmLogger } from './typeorm-log';

describe(AppTypeOrmLogger.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

  describe('logQueryError', () => {
    it('logs the driver code and the statement, never the parameters', () => {
      const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
      const error = new QueryFailedError('INSERT INTO "users" VALUES ($1, $2)', ['ada@example.com', HASH], {
        code: '23505',
        message: 'duplicate key value violates unique constraint',
      } as unknown as Error);
      const logger: TypeOrmLogger = new AppTypeOrmLogger();
      logger.logQueryError(error, 'INSERT INTO "users" VALUES ($1, $2)', ['ada@example.com', HASH]);
      expect(debug).toHaveBeenCalledTimes(1);
      const logged = JSON.stringify(debug.mock.calls[0]);
      expect(logged).toContain('23505');
      expect(logged).toContain('INSERT INTO');
      expect(logged).not.toContain('$argon2id$');
      expect(logged).not.toContain('ada@example.com');
    });
  });

  describe('logQuery', () => {
    it('writes nothing for a successful query', () => {
      const calls = ['log', 'debug', 'warn', 'error', 'verbose'].map((level) =>
        jest.spyOn(Logger.prototype, level as 'log').mockImplementation(() => undefined),
      );
      new AppTypeOrmLogger().logQuery();
      for (const call of calls) expect(call).not.toHaveBeenCalled();
    });
  });
});
