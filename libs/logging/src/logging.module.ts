import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig } from '@app/config';
import type { FastifyInstance } from 'fastify';
import { createRootLogger } from './logger-options';
import { NestPinoLogger } from './nest-pino-logger';
import { addRequestLogging } from './request-logging';

/**
 * Registers the request log in Fastify's hooks once the HTTP adapter exists, and flushes the
 * asynchronous destination when the app shuts down (process.exit follows).
 */
@Injectable()
class RequestLogging implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(NestPinoLogger) private readonly logger: NestPinoLogger,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // An application context (`npm run seed:admin`) has no HTTP server, so there are no requests to log.
    const adapter = this.adapterHost.httpAdapter as typeof this.adapterHost.httpAdapter | null | undefined;
    if (adapter === null || adapter === undefined) return;
    addRequestLogging(adapter.getInstance<FastifyInstance>(), this.logger.pino);
  }

  onApplicationShutdown(): void {
    flushLogs(this.logger);
  }
}

/** Writes out what the asynchronous destination still holds (a pino-pretty transport flushes itself). */
export function flushLogs(logger: NestPinoLogger): void {
  try {
    logger.pino.flush();
  } catch {
    // Nothing to flush, or stdout already closed: the process is ending either way.
  }
}

/** Structured JSON logs through pino: the app's Nest logger and one line per request, from AppConfig. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      providers: [
        {
          provide: NestPinoLogger,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new NestPinoLogger(createRootLogger(config)),
        },
        RequestLogging,
      ],
      exports: [NestPinoLogger],
    };
  }
}
