import { MAX_RETRY_AFTER_MS, parseRetryAfterMs, retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('grows exponentially with the attempt, jittered below the bound', () => {
    expect(retryDelayMs(0, undefined, () => 0.999)).toBe(199);
    expect(retryDelayMs(2, undefined, () => 0.999)).toBe(799);
    expect(retryDelayMs(2, undefined, () => 0)).toBe(0);
  });

  it('caps the backoff however many attempts were made', () => {
    expect(retryDelayMs(30, undefined, () => 0.999)).toBeLessThanOrEqual(5_000);
  });

  it('waits what the upstream asked for when that is short enough, and gives up when it is not', () => {
    expect(retryDelayMs(0, 1_000, () => 0)).toBe(1_000);
    expect(retryDelayMs(0, MAX_RETRY_AFTER_MS, () => 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(0, MAX_RETRY_AFTER_MS + 1, () => 0)).toBeUndefined();
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('3', now)).toBe(3_000);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
    expect(parseRetryAfterMs('   ', now)).toBeUndefined();
  });

  it('reads delta-seconds of several digits, around which it ignores whitespace', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 3 ', now)).toBe(3_000);
  });

  it('answers 0 for an HTTP date already past: retry now', () => {
    const now = Date.parse('2026-01-01T00:00:10Z');
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores a number that is not whole delta-seconds', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('3s', now)).toBeUndefined();
    expect(parseRetryAfterMs('x3', now)).toBeUndefined();
  });
});
