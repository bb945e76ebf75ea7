import { OpenAiError, invalidRequest } from '../openai/openai.errors';
import { shouldFallBack, withFallback } from './provider-fallback';

const unavailable = (status: number) => new OpenAiError(status, 'server_error', 'upstream_unavailable', 'down');
const live = () => new AbortController().signal;
const aborted = () => AbortSignal.abort();

describe('shouldFallBack', () => {
  it.each([429, 502, 503, 504])('hands a %i from the provider to the next one', (status) => {
    expect(shouldFallBack(unavailable(status), live())).toBe(true);
  });

  it.each([400, 401, 404, 500])('keeps a %i, which does not say the provider is unavailable', (status) => {
    expect(shouldFallBack(unavailable(status), live())).toBe(false);
  });

  it('never falls back for a client that already left', () => {
    expect(shouldFallBack(unavailable(503), aborted())).toBe(false);
  });

  it('never falls back from an error that is not a provider answer (a bug, a closed socket)', () => {
    expect(shouldFallBack(Object.assign(new Error('boom'), { status: 503 }), live())).toBe(false);
  });
});

describe('withFallback', () => {
  it('returns the first route that succeeds, with the route, without trying the rest', async () => {
    const tried: string[] = [];
    const result = await withFallback(['a', 'b', 'c'], live(), (route) => {
      tried.push(route);
      return route === 'a' ? Promise.reject(unavailable(503)) : Promise.resolve(`${route} answered`);
    });
    expect(result).toEqual({ route: 'b', result: 'b answered' });
    expect(tried).toEqual(['a', 'b']);
  });

  it("throws the last route's error when every route is unavailable", async () => {
    const errors = { a: unavailable(503), b: unavailable(429) };
    const tried: string[] = [];
    await expect(
      withFallback(['a', 'b'] as const, live(), (route) => {
        tried.push(route);
        return Promise.reject(errors[route]);
      }),
    ).rejects.toBe(errors.b);
    expect(tried).toEqual(['a', 'b']);
  });

  it('stops at an error that is not worth falling back from, and throws it', async () => {
    const bad = invalidRequest('no');
    const tried: string[] = [];
    await expect(
      withFallback(['a', 'b'], live(), (route) => {
        tried.push(route);
        return Promise.reject(bad);
      }),
    ).rejects.toBe(bad);
    expect(tried).toEqual(['a']);
  });

  it('refuses to run with no route at all, saying so', async () => {
    await expect(withFallback([], live(), () => Promise.resolve('never'))).rejects.toThrow('no route to try');
  });
});
