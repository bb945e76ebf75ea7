import { type AppConfig } from '@app/config';
import { FailedAuthenticationLimit } from './failed-authentication-limit';
import { MemoryRateLimitStore } from './rate-limit.store';

function limitOf(maxRequests: number, windowSeconds: number) {
  let now = 0;
  const store = new MemoryRateLimitStore(() => now);
  const config = { rateLimit: { maxRequests, windowSeconds } } as unknown as AppConfig;
  const headers = new Map<string, string | number>();
  const reply = { header: (name: string, value: string | number) => headers.set(name, value) };
  return {
    limit: new FailedAuthenticationLimit(store, config),
    store,
    reply,
    headers,
    advance: (ms: number) => (now += ms),
  };
}

describe(FailedAuthenticationLimit.name, () => {
  describe('countFailure', () => {
    it('lets an address fail up to the limit, then answers the next failure with a 429 and its headers', async () => {
      const { limit, reply, headers, advance } = limitOf(2, 60);
      expect(await limit.countFailure('198.51.100.1', reply)).toBeUndefined();
      expect(await limit.countFailure('198.51.100.1', reply)).toBeUndefined();
      expect(headers.size).toBe(0);
      advance(20_000);
      const refusal = await limit.countFailure('198.51.100.1', reply);
      expect(refusal?.getStatus()).toBe(429);
      expect(refusal?.message).toBe('Too many requests: the limit is 2 per 60 s. Try again in 40 s.');
      expect(Object.fromEntries(headers)).toEqual({
        'Retry-After': 40,
        'RateLimit-Limit': 2,
        'RateLimit-Remaining': 0,
        'RateLimit-Reset': 40,
      });
    });

    it('counts each address on its own, and starts over once the window has passed', async () => {
      const { limit, reply, advance } = limitOf(1, 60);
      await limit.countFailure('198.51.100.1', reply);
      expect(await limit.countFailure('198.51.100.2', reply)).toBeUndefined();
      expect(await limit.countFailure('198.51.100.1', reply)).toBeDefined();
      advance(60_000);
      expect(await limit.countFailure('198.51.100.1', reply)).toBeUndefined();
    });
  });

  describe('ensureAllowed', () => {
    it('refuses an address that has used its limit before its credential is looked at, and only that address', async () => {
      const { limit, reply, headers, advance } = limitOf(2, 60);
      await limit.countFailure('198.51.100.1', reply);
      await expect(limit.ensureAllowed('198.51.100.1', reply)).resolves.toBeUndefined();
      await limit.countFailure('198.51.100.1', reply);
      advance(30_500);
      await expect(limit.ensureAllowed('198.51.100.1', reply)).rejects.toMatchObject({
        message: 'Too many requests: the limit is 2 per 60 s. Try again in 30 s.',
      });
      expect(headers.get('Retry-After')).toBe(30);
      await expect(limit.ensureAllowed('198.51.100.2', reply)).resolves.toBeUndefined();
    });

    it('asks the shared counter nothing about an address that has not failed here', async () => {
      const { limit, reply, store } = limitOf(2, 60);
      const peek = jest.spyOn(store, 'peek');
      await limit.ensureAllowed('198.51.100.1', reply);
      await limit.countFailure('198.51.100.2', reply);
      await limit.ensureAllowed('198.51.100.1', reply);
      expect(peek).not.toHaveBeenCalled();
      await limit.ensureAllowed('198.51.100.2', reply);
      expect(peek).toHaveBeenCalledTimes(1);
    });

    it('refuses an address that spent its limit at another replica once it has failed here too', async () => {
      // GIVEN two replicas sharing one counter, and an address that used its limit at the first
      const { limit: first, reply, store } = limitOf(2, 60);
      const second = new FailedAuthenticationLimit(store, {
        rateLimit: { maxRequests: 2, windowSeconds: 60 },
      } as never);
      await first.countFailure('198.51.100.1', reply);
      await first.countFailure('198.51.100.1', reply);
      // WHEN its next guess reaches the second replica, THEN that one guess is looked up and refused
      await expect(second.ensureAllowed('198.51.100.1', reply)).resolves.toBeUndefined();
      expect((await second.countFailure('198.51.100.1', reply))?.getStatus()).toBe(429);
      // AND every later credential from it is refused before it is looked at
      await expect(second.ensureAllowed('198.51.100.1', reply)).rejects.toMatchObject({ status: 429 });
    });

    it('says to wait at least a second, however little of the window is left', async () => {
      const { limit, reply, headers, advance } = limitOf(1, 60);
      await limit.countFailure('198.51.100.1', reply);
      advance(59_999);
      await expect(limit.ensureAllowed('198.51.100.1', reply)).rejects.toBeDefined();
      expect(headers.get('Retry-After')).toBe(1);
    });
  });
});
