import { Logger } from '@nestjs/common';
import { poolErrorLogger } from './pool-error-log';

describe(poolErrorLogger.name, () => {
  const terminated = () =>
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it('logs one structured warning with the driver code and message, and no connection settings', () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    poolErrorLogger(logger, () => 0)(terminated());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toEqual({
      msg: 'a pooled database connection failed; the pool replaces it',
      code: '57P01',
      error: 'terminating connection due to administrator command',
    });
  });

  it('logs once per 10 s and counts the failures it left out', () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    let clock = 0;
    const handle = poolErrorLogger(logger, () => clock);
    handle(terminated());
    clock = 5_000;
    handle(terminated());
    handle(terminated());
    expect(warn).toHaveBeenCalledTimes(1);
    clock = 10_001;
    handle(terminated());
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]?.[0]).toMatchObject({ alsoFailedSinceLastLine: 2 });
  });
});
