import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppConfig } from '@app/config';
import { activeTraceFields } from '@app/tracing';
import pino from 'pino';
import { serializeError } from './error-serializer';
import { REDACT_PATHS } from './redact-paths';

/**
 * The id of the request being served, for lines written while serving it (a 5xx's error line, a
 * dependency's warning): set once per request by the request-logging hook, read only when a
 * line is written. Cheaper than a child logger per request, which serializes its bindings.
 */
export const currentRequestId = new AsyncLocalStorage<string>();

/** Fields every line gets at write time: the request id inside a request, trace_id and span_id inside a span. */
export function lineContext(): Record<string, string | undefined> {
  const trace = activeTraceFields();
  const reqId = currentRequestId.getStore();
  return reqId === undefined ? trace : { reqId, ...trace };
}

/** The root logger's options, from AppConfig: level, service and env on every line, redaction, serializers. */
export function loggerOptions(config: AppConfig): pino.LoggerOptions {
  return {
    level: config.log.level,
    base: { service: config.app.name, env: config.app.env },
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    messageKey: 'msg',
    // trace_id and span_id on every line written inside a traced request: Loki links to Tempo by them.
    mixin: lineContext,
    // Never a failed query's parameters (password hashes, key digests) in an error line.
    serializers: { err: serializeError },
  };
}

/**
 * The one pino logger of the process. JSON lines go to stdout through an asynchronous
 * destination (written off the request's CPU path, flushed at shutdown by flushLogs);
 * LOG_FORMAT=pretty goes through pino-pretty instead.
 */
export function createRootLogger(config: AppConfig): pino.Logger {
  const options = loggerOptions(config);
  if (config.log.pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(options, pino.destination({ sync: false }));
}
