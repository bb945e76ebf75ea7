export { LoggingModule } from './logging.module';
export { NestPinoLogger } from './nest-pino-logger';
export { REDACT_PATHS } from './redact-paths';
export { REQUEST_ID_HEADER, generateRequestId } from './request-id';
export { UNMATCHED_ROUTE, routeTemplateOf, setRouteTemplate } from './route-template';
export { BootQuietLogger } from './boot-quiet-logger';
