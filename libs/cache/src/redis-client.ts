import { Logger } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { callOutsideUnsampledSpan } from '@app/tracing';
import { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * One ioredis connection per app, tuned to fail fast: commands time out and
 * are not queued while disconnected, so a Redis outage costs a request a few
 * hundred milliseconds at most instead of hanging it. Reconnects in the background.
 */
export function createRedisClient(config: AppConfig): Redis | undefined {
  const url = config.cache.redisUrl;
  if (url === undefined) return undefined;
  const logger = new Logger('Redis');
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: config.cache.operationTimeoutMs,
    connectTimeout: 2_000,
    connectionName: config.app.name,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Every command outside an unsampled request's span (decision 0145): the ioredis instrumentation's
  // `requireParentSpan` is satisfied by a non-recording span, so each command built a span nobody exports.
  const sendCommand = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis['sendCommand']>) =>
    callOutsideUnsampledSpan(sendCommand, undefined, args);
  let lastError = '';
  client.on('error', (error: Error) => {
    // One line per distinct failure, not one per reconnect attempt.
    if (error.message !== lastError) logger.warn(`redis error: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => {
    if (lastError !== '') logger.log('redis connection restored');
    lastError = '';
  });
  return client;
}
