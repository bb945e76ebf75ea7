import request from 'supertest';
import { TEST_PASSWORD, bearer, signUp } from '../../../test/support/accounts';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app rate limits', () => {
  let running: RunningApp;

  // Each test gets its own instance, so its own budgets: none depends on what another spent.
  beforeEach(async () => {
    running = await startSampleApp({ env: { RATE_LIMIT_AUTH_MAX_REQUESTS: '3', RATE_LIMIT_MAX_REQUESTS: '8' } });
  });

  afterEach(async () => {
    await running.close();
  });

  it('answers the login attempt past the strict limit with 429, Retry-After and RateLimit headers', async () => {
    const attempt = () =>
      request(running.baseUrl).post('/api/v1/auth/login').send({ email: 'someone@example.com', password: 'guessing' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate-limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.headers['ratelimit-reset']).toBe(limited.headers['retry-after']);
  });

  it('counts each strict route on its own: a client out of login attempts may still refresh its session', async () => {
    // GIVEN a client that used up its login attempts
    for (let i = 0; i < 3; i += 1)
      await request(running.baseUrl).post('/api/v1/auth/login').send({ email: 'x@example.com', password: 'guess' });
    // WHEN it refreshes (with a token that is no longer valid), THEN that route has its own budget
    const refresh = await request(running.baseUrl).post('/api/v1/auth/refresh').send({ refreshToken: 'expired' });
    expect(refresh.status).not.toBe(429);
    expect(refresh.status).toBeGreaterThanOrEqual(400);
    expect(
      (await request(running.baseUrl).post('/api/v1/auth/login').send({ email: 'x@example.com', password: 'guess' }))
        .status,
    ).toBe(429);
  });

  it('is not reset by a forged X-Forwarded-For (no proxy is trusted)', async () => {
    // GIVEN a client that used up its login budget, each attempt claiming another address
    const login = (forwardedFor: string) =>
      request(running.baseUrl)
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', forwardedFor)
        .send({ email: 'x@example.com', password: TEST_PASSWORD });
    const statuses = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await login(address)).status);
    expect(statuses).toEqual([401, 401, 401]);
    // WHEN it claims yet another address, THEN it is still the same client, out of budget
    expect((await login('198.51.100.7')).status).toBe(429);
  });

  it('never limits probes and scrapes (/health, /ready, /metrics)', async () => {
    // The instance allows 8 requests per client and window; probes are exempt.
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i += 1) {
      for (const path of ['/health', '/ready', '/metrics'])
        statuses.add((await request(running.baseUrl).get(path)).status);
    }
    expect([...statuses]).toEqual([200]);
  });

  it('counts an authenticated user under their own budget, across routes', async () => {
    const other = await startSampleApp({ env: { RATE_LIMIT_MAX_REQUESTS: '4' } });
    try {
      const account = await signUp(other.baseUrl, 'budget');
      const statuses: number[] = [];
      for (const path of [
        '/api/v1/protected',
        '/api/v1/auth/me',
        '/api/v1/items',
        '/api/v1/protected',
        '/api/v1/auth/me',
      ]) {
        statuses.push(
          (
            await request(other.baseUrl)
              .get(path)
              .set(...bearer(account.accessToken))
          ).status,
        );
      }
      // signUp's own GET /auth/me was the first of the four requests.
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await other.close();
    }
  });

  it('tells people what happened in the 429: a problem title and detail, not the library class name', async () => {
    const attempt = () =>
      request(running.baseUrl).post('/api/v1/auth/login').send({ email: 'someone@example.com', password: 'guessing' });
    // GIVEN the strict login budget of this instance (3) used up
    for (let i = 0; i < 3; i += 1) await attempt();
    // WHEN one more attempt comes
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.title).toBe('Rate Limited');
    expect(limited.body.detail).toMatch(/^Too many requests: the limit is 3 per 60 s\. Try again in \d+ s\.$/);
    expect(JSON.stringify(limited.body)).not.toContain('Throttler');
  });

  describe('failed authentication', () => {
    it.each([
      ['invalid API keys', (i: number) => ['x-api-key', `nko_invalid_${i}_0123456789abcdef0123456789`] as const],
      [
        'invalid access tokens',
        (i: number) => ['authorization', `Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.${i}`] as const,
      ],
    ])(
      'counts %s against the address, so 100 against a limit of 50 end in 429 with Retry-After',
      async (_what, credential: (i: number) => readonly [string, string]) => {
        const limited = await startSampleApp({ env: { RATE_LIMIT_MAX_REQUESTS: '50' } });
        try {
          const statuses: number[] = [];
          let retryAfter: string | undefined;
          for (let i = 0; i < 100; i += 1) {
            const response = await request(limited.baseUrl)
              .get('/api/v1/items')
              .set(credential(i)[0], credential(i)[1]);
            statuses.push(response.status);
            if (response.status === 429) retryAfter = response.headers['retry-after'];
          }
          expect(statuses.slice(0, 50)).toEqual(Array(50).fill(401));
          expect(statuses.slice(50)).toEqual(Array(50).fill(429));
          expect(Number(retryAfter)).toBeGreaterThan(0);
        } finally {
          await limited.close();
        }
      },
    );

    it('refuses even a valid access token from an address past its limit, before checking it, and admits it before', async () => {
      // GIVEN an account whose token works, on an app allowing 5 failures a window
      const limited = await startSampleApp({ env: { RATE_LIMIT_MAX_REQUESTS: '5' } });
      try {
        const account = await signUp(limited.baseUrl, 'guessed-from');
        const withToken = () =>
          request(limited.baseUrl)
            .get('/api/v1/auth/me')
            .set(...bearer(account.accessToken));
        expect((await withToken()).status).toBe(200);
        // WHEN the same address sends 6 invalid API keys
        const guesses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const response = await request(limited.baseUrl)
            .get('/api/v1/items')
            .set('x-api-key', `nko_invalid_${i}_0123456789abcdef0123456789`);
          guesses.push(response.status);
        }
        // THEN the sixth is refused, and so is the valid token, with a Retry-After
        expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
        const refused = await withToken();
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });
});
