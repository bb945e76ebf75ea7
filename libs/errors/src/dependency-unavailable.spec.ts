import { DependencyUnavailableError, dependencyFailureOf } from './dependency-unavailable';

describe('dependencyFailureOf', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a server that stopped answering', new Error('Query read timeout')],
    ['a server shutting down (TypeORM-wrapped)', { message: 'x', driverError: { code: '57P01' } }],
    ['a statement timeout', Object.assign(new Error('canceling statement'), { code: '57014' })],
    ['SQLite busy', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('turns %s into a 503 with Retry-After', (_what, error) => {
    const failure = dependencyFailureOf(error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(failure?.status).toBe(503);
    expect(failure?.headers['retry-after']).toMatch(/^\d+$/);
  });

  it.each([
    ['a programming error', new TypeError('x is not a function')],
    ['a constraint violation', { message: 'duplicate key', driverError: { code: '23505' } }],
    ['a non-error', 'boom'],
  ])('leaves %s alone (it stays a 500)', (_what, error) => {
    expect(dependencyFailureOf(error)).toBeUndefined();
  });
});
