import { Writable } from 'node:stream';
import { TraceFlags, trace } from '@opentelemetry/api';
import { loadConfig } from '@app/config';
import pino from 'pino';
import { currentRequestId, loggerOptions } from './logger-options';

const TRACE = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

function loggerWritingTo(lines: string[]): pino.Logger {
  const options = loggerOptions(
    loadConfig({ LOG_FORMAT: 'json' }, { name: 'demo', defaultPort: 1, usesDatabase: false, issuesTokens: false }),
  );
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return pino({ mixin: options.mixin, messageKey: options.messageKey, serializers: options.serializers }, sink);
}

describe(loggerOptions.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('puts trace_id and span_id on a line written while a span is active', () => {
    jest.spyOn(trace, 'getActiveSpan').mockReturnValue(trace.wrapSpanContext(TRACE));
    const lines: string[] = [];
    loggerWritingTo(lines).info('inside a request');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ trace_id: TRACE.traceId, span_id: TRACE.spanId });
  });

  it('puts the request id on a line written while a request is served', () => {
    const lines: string[] = [];
    currentRequestId.run('req-1', () => loggerWritingTo(lines).warn('inside a request'));
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ reqId: 'req-1', msg: 'inside a request' });
  });

  it('adds no trace fields outside a span', () => {
    const lines: string[] = [];
    loggerWritingTo(lines).info('at boot');
    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('trace_id');
  });
});

describe('loggerOptions error serializer', () => {
  it("logs a failed query's message and statement but never its parameters", () => {
    const lines: string[] = [];
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'INSERT INTO "users" VALUES ($1, $2)',
      parameters: ['ada@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
      driverError: { code: '23505', parameters: ['ada@example.com'] },
    });
    loggerWritingTo(lines).error({ err: error }, 'unhandled error while serving a request');
    expect(lines[0]).toContain('duplicate key value');
    expect(lines[0]).toContain('23505');
    expect(lines[0]).not.toContain('$argon2id$');
    expect(lines[0]).not.toContain('ada@example.com');
  });
});
