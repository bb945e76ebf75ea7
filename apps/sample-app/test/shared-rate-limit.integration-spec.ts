import request from 'supertest';
import { requiredServiceUrls } from '../../../test/support/service-env';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app rate limit shared through Redis', () => {
  // Redis explicitly: this is what the test is about, whichever database the e2e harness picks.
  const { redisUrl } = requiredServiceUrls();
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    // GIVEN two replicas on the same database and the same Redis key prefix
    first = await startSampleApp({
      env: { REDIS_URL: redisUrl, RATE_LIMIT_AUTH_MAX_REQUESTS: '4', REDIS_KEY_PREFIX: `shared-limit-${Date.now()}:` },
    });
    second = await startSampleApp({
      shareDatabaseOf: first,
      env: { REDIS_URL: redisUrl, RATE_LIMIT_AUTH_MAX_REQUESTS: '4', REDIS_KEY_PREFIX: first.config.cache.keyPrefix },
    });
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('holds the limit for a client whose requests alternate between the replicas', async () => {
    const attempt = (running: RunningApp) =>
      request(running.baseUrl).post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'guess' });
    const statuses: number[] = [];
    for (const running of [first, second, first, second, first, second]) statuses.push((await attempt(running)).status);
    // Four attempts in total are allowed, whichever replica served them.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
