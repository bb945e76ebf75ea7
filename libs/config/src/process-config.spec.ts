import type { AppIdentity } from './app-identity';
import { ConfigValidationError } from './config.error';
import { processConfig } from './process-config';

const identity = (): AppIdentity => ({ name: 'demo', defaultPort: 1, usesDatabase: false, issuesTokens: false });

describe(processConfig.name, () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('validates the environment once per process: a second ask returns the same object, later changes unseen', () => {
    const app = identity();
    process.env.LOG_LEVEL = 'warn';
    const first = processConfig(app);
    process.env.LOG_LEVEL = 'debug';
    expect(processConfig(app)).toBe(first);
    expect(first.log.level).toBe('warn');
  });

  it('throws the same ConfigValidationError on every ask when the environment is bad', () => {
    const app = identity();
    process.env.LOG_LEVEL = 'loud';
    let first: unknown;
    try {
      processConfig(app);
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(ConfigValidationError);
    expect(() => processConfig(app)).toThrow(first as Error);
  });
});
