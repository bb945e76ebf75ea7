import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { AppConfig } from '@app/config';
import { Redis } from 'ioredis';
import { requiredServiceUrls } from '../../../test/support/service-env';
import { createRedisClient } from './redis-client';

const inSpan = (traceFlags: TraceFlags) =>
  trace.setSpan(
    ROOT_CONTEXT,
    trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags }),
  );

describe(createRedisClient.name, () => {
  const { redisUrl } = requiredServiceUrls();
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());
  afterEach(() => jest.restoreAllMocks());

  it("sends an unsampled request's commands with no active span and a sampled one's inside it", async () => {
    // Stands in for the ioredis instrumentation, which patches the prototype and reads the active span.
    const seen: (TraceFlags | undefined)[] = [];
    const send = Redis.prototype.sendCommand;
    jest.spyOn(Redis.prototype, 'sendCommand').mockImplementation(function (this: Redis, ...args) {
      if (args[0]?.name === 'echo') seen.push(trace.getActiveSpan()?.spanContext().traceFlags);
      return send.apply(this, args);
    });
    const config = { app: { name: 'redis-client-spec' }, cache: { redisUrl, operationTimeoutMs: 1_000 } } as AppConfig;
    const client = createRedisClient(config);
    if (client === undefined) throw new Error('no client for a REDIS_URL');
    try {
      // No offline queue: commands wait for the connection.
      await new Promise((resolve) => client.once('ready', resolve));
      await expect(context.with(inSpan(TraceFlags.NONE), () => client.echo('unsampled'))).resolves.toBe('unsampled');
      await expect(context.with(inSpan(TraceFlags.SAMPLED), () => client.echo('sampled'))).resolves.toBe('sampled');
      await client.echo('no request');
      expect(seen).toEqual([undefined, TraceFlags.SAMPLED, undefined]);
    } finally {
      client.disconnect();
    }
  });
});
