import { rateLimitMessage } from './rate-limit-message';

describe('rateLimitMessage', () => {
  it('names the limit, the window in seconds and when to try again', () => {
    expect(rateLimitMessage(3, 60_000, 42)).toBe('Too many requests: the limit is 3 per 60 s. Try again in 42 s.');
  });

  it('names a window that is not whole seconds in milliseconds', () => {
    expect(rateLimitMessage(10, 1_500, 1)).toBe('Too many requests: the limit is 10 per 1500 ms. Try again in 1 s.');
  });
});
