export { DomainError, NotFoundError, ConflictError } from './errors/domain.error';
export { ValidationFailedError } from './errors/validation-failed.error';
export { JsonTooDeepError } from './errors/json-too-deep.error';
export { ProblemDetailsFilter, fastifyClientErrorStatus } from './errors/problem-details.filter';
export {
  DEPENDENCY_RETRY_AFTER_SECONDS,
  DependencyUnavailableError,
  dependencyFailureOf,
} from './errors/dependency-unavailable';
export {
  type FieldProblem,
  type ProblemDetails,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemType,
} from './errors/problem-details';
export { HttpPlatformModule, type HttpPlatformOptions } from './http/http-platform.module';
export { createValidationPipe } from './http/validation.pipe';
export { createHttpApp, listenHttpApp, DOCS_PATH, type HttpAppOptions } from './http/create-http-app';
export { LoggingModule } from './logging/logging.module';
export { REDACT_PATHS } from './logging/redact-paths';
export { REQUEST_ID_HEADER } from './logging/request-id';
export { UNMATCHED_ROUTE, routeTemplateOf } from './logging/route-template';
export { HealthModule, type HealthModuleOptions } from './lifecycle/health.module';
export { BUILD_INFO, type BuildInfo, readBuildInfo } from './lifecycle/build-info';
export { Clock } from './lifecycle/clock';
export { NotReadyError } from './lifecycle/not-ready.error';
export { ReadinessObserver } from './lifecycle/readiness-observer';
export { ShutdownState } from './lifecycle/shutdown-state';
export { READINESS_CHECKS, READINESS_TIMEOUT_MS, type ReadinessCheck } from './lifecycle/readiness-check';
export { runHttpApp, type HttpAppSpec } from './http/run-http-app';
export { IS_PUBLIC, Public } from './access/public.decorator';
export { OperationalEndpoint } from './access/operational-endpoint.decorator';
export { ApiProblems, FieldProblemView, ProblemView } from './errors/api-problems.decorator';
export { ShutdownDeadline } from './lifecycle/shutdown-deadline';
