import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { clientErrorHandler, frameworkErrorHandler } from '@app/errors';
import { BootQuietLogger, NestPinoLogger, REQUEST_ID_HEADER, generateRequestId, setRouteTemplate } from '@app/logging';
import { useJsonBodyParser } from './json-body-parser';
import { shareHeaderParameters } from './shared-openapi-parameters';
import { addSecurityHeaders } from './security-headers';

export interface HttpAppOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

export const DOCS_PATH = 'docs';

/**
 * Builds an app on Fastify with the transport-level settings every app shares:
 * request ids, body limit, trusted proxies, security headers, CORS allow-list,
 * OpenAPI at /docs. main.ts and the e2e tests both go through here.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  config: AppConfig,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // Only what the operator configured: a hop count or proxy addresses, never "trust everyone".
    // Fastify accepts a hop count at run time; the adapter's option type omits `number`.
    trustProxy: config.http.trustProxy,
    genReqId: generateRequestId,
    requestIdHeader: false,
    // Long enough for every path parameter the apps validate themselves (so the
    // client gets a 400 naming the field); longer ones are refused with 414.
    routerOptions: { maxParamLength: 256 },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    return503OnClosing: false,
    // Slow and idle clients cannot hold sockets (HTTP_*_TIMEOUT_MS, docs/configuration.md):
    // Node closes a connection whose headers or whole request take too long, checked
    // every second rather than Node's default 30 s.
    requestTimeout: config.http.timeouts.requestMs,
    keepAliveTimeout: config.http.timeouts.keepAliveMs,
    http: {
      headersTimeout: config.http.timeouts.headersMs,
      requestTimeout: config.http.timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1_000, config.http.timeouts.headersMs),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new BootQuietLogger(app.get(NestPinoLogger)));
  // Nest's shutdown order: beforeApplicationShutdown (readiness off, drain), close the
  // HTTP server (in-flight requests finish), onApplicationShutdown (database, Redis,
  // telemetry). process.exit(0) afterwards, so pino flushes and the exit code is 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });

  const fastify = app.getHttpAdapter().getInstance();
  useJsonBodyParser(app, config.http.bodyLimitBytes, config.http.jsonMaxDepth);
  fastify.addHook('onRequest', (request, reply, done) => {
    setRouteTemplate(request.raw, request.routeOptions.url);
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  fastify.addHook('onRoute', (route) => {
    const limit = config.http.routeBodyLimits.find((candidate) => route.url.startsWith(candidate.pathPrefix));
    if (limit !== undefined && route.bodyLimit === undefined) route.bodyLimit = limit.bytes;
  });
  addSecurityHeaders(fastify);
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: [...config.http.corsOrigins], credentials: false, maxAge: 600 });
  }

  setUpOpenApi(app, options);
  return app;
}

/**
 * The OpenAPI document is built on the first request for it, not at boot (decision 0113):
 * scanning every route's metadata was a tenth of the start-up, for a page probes never ask for.
 */
function setUpOpenApi(app: INestApplication, options: HttpAppOptions): void {
  let document: OpenAPIObject | undefined;
  const documentOnFirstRequest = (): OpenAPIObject =>
    (document ??= shareHeaderParameters(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle(options.title)
          .setDescription(options.description)
          .setVersion(options.version)
          .addBearerAuth()
          .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
          .build(),
      ),
    ));
  SwaggerModule.setup(DOCS_PATH, app, documentOnFirstRequest, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}

/** Listens on the configured address and logs where the app can be reached. */
export async function listenHttpApp(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.http.port;
  const shownHost = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const base = `http://${shownHost}:${port}`;
  app
    .get(NestPinoLogger)
    .log(
      `${config.app.name} ready at ${base} (API docs ${base}/${DOCS_PATH}, metrics ${base}/metrics, health ${base}/health)`,
      'Bootstrap',
    );
  return base;
}
