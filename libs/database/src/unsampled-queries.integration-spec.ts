import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Client, Pool } from 'pg';
import { requiredServiceUrls } from '../../../test/support/service-env';
import { queriesOutsideUnsampledSpans } from './unsampled-queries';

const inSpan = (traceFlags: TraceFlags) =>
  trace.setSpan(
    ROOT_CONTEXT,
    trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags }),
  );
type Call = (...args: unknown[]) => unknown;
const flags = () => trace.getActiveSpan()?.spanContext().traceFlags;

describe(queriesOutsideUnsampledSpans.name, () => {
  const { databaseUrl } = requiredServiceUrls();
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());
  afterEach(() => jest.restoreAllMocks());

  it("runs an unsampled request's connects and queries with no active span and a sampled one's inside it", async () => {
    // Stand in for the pg instrumentation, which patches these prototypes and reads the active span.
    const seen: { call: string; flags: TraceFlags | undefined }[] = [];
    const prototype = Client.prototype as unknown as { query: Call };
    const query = prototype.query;
    jest.spyOn(prototype, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
      seen.push({ call: 'query', flags: flags() });
      return query.apply(this, args);
    });
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    const connects = pool as unknown as { connect: Call };
    const connect = connects.connect.bind(pool);
    connects.connect = (...args: unknown[]) => {
      seen.push({ call: 'connect', flags: flags() });
      return connect(...args);
    };
    queriesOutsideUnsampledSpans(pool);
    queriesOutsideUnsampledSpans(pool);
    try {
      const unsampled = await context.with(inSpan(TraceFlags.NONE), () => pool.query<{ n: number }>('SELECT 1 AS n'));
      const client = await context.with(inSpan(TraceFlags.SAMPLED), () => pool.connect());
      try {
        await context.with(inSpan(TraceFlags.SAMPLED), () => client.query('SELECT 2'));
        await context.with(inSpan(TraceFlags.NONE), () => client.query('SELECT 3'));
      } finally {
        client.release();
      }
      expect(unsampled.rows).toEqual([{ n: 1 }]);
      // Wrapped once although applied twice: one entry per call.
      expect(seen).toEqual([
        { call: 'connect', flags: undefined },
        { call: 'query', flags: undefined },
        { call: 'connect', flags: TraceFlags.SAMPLED },
        { call: 'query', flags: TraceFlags.SAMPLED },
        { call: 'query', flags: undefined },
      ]);
    } finally {
      await pool.end();
    }
  });
});
