import { Redis } from 'ioredis';
import { requiredServiceUrls } from './service-env';

/**
 * A connection to the shared Redis (REDIS_URL) for the tests of one `describe`: opened before them
 * (`'all'`: once; `'each'`: anew for every test, for tests that cut their connection to play an
 * outage) and closed after, unless a test closed it already. Call the returned function inside a
 * test or hook for the current connection.
 */
export function sharedRedisConnection(lifetime: 'all' | 'each' = 'all'): () => Redis {
  const { redisUrl } = requiredServiceUrls();
  let redis: Redis | undefined;
  const open = async (): Promise<void> => {
    redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  };
  const close = async (): Promise<void> => {
    if (redis?.status === 'ready') await redis.quit();
  };
  if (lifetime === 'each') {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
  }
  return () => {
    if (redis === undefined) throw new Error('sharedRedisConnection: used outside a test or hook');
    return redis;
  };
}
