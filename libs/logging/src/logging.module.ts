import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { activeTraceFields, isQuietPath } from '@app/tracing';
import pino from 'pino';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { serializeError } from './error-serializer';
import { REDACT_PATHS } from './redact-paths';
import { routeTemplateOf } from './route-template';

const SYNTHETIC_ERROR = /^failed with status code \d+$/;

export function pinoHttpOptions(config: AppConfig): Options {
  return {
    level: config.log.level,
    base: { service: config.app.name, env: config.app.env },
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    messageKey: 'msg',
    // trace_id and span_id on every line written inside a traced request: Loki links to Tempo by them.
    mixin: activeTraceFields,
    autoLogging: {
      // Probes and scrapes every few seconds would drown real traffic. Nest runs this
      // middleware under its mount path, where `url` is cut to what follows it ("/"):
      // `originalUrl` is the path the client asked for.
      ignore: (req: IncomingMessage & { originalUrl?: string }) => isQuietPath(req.originalUrl ?? req.url),
    },
    quietReqLogger: true,
    // One compact line per request: no header dump, no query string (it may carry tokens).
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Never a failed query's parameters (password hashes, key digests) in an error line.
      err: serializeError,
    },
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({
      ...value,
      route: routeTemplateOf(req),
    }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, error: Error, value: Record<string, unknown>) => {
      // For a 5xx that was answered, not thrown, pino-http makes up an error ("failed with status code
      // 503") whose stack is its own: it says nothing the status does not, so it is left out.
      const { err, ...rest } = value;
      const synthetic = SYNTHETIC_ERROR.test(error.message);
      return { ...(synthetic ? rest : { ...rest, err }), route: routeTemplateOf(req) };
    },
    // 503 is the documented answer while a dependency is away (logged once per change of state
    // elsewhere): a warning per request, not an error.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      res.statusCode === 503
        ? 'warn'
        : error !== undefined || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    transport: config.log.pretty
      ? {
          target: 'pino-pretty',
          options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
        }
      : undefined,
  };
}

/** Structured JSON logs through nestjs-pino, configured from AppConfig. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            // JSON lines are written asynchronously (flushed on exit), off the request's CPU path.
            pinoHttp: config.log.pretty
              ? pinoHttpOptions(config)
              : [pinoHttpOptions(config), pino.destination({ sync: false })],
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
