export { DomainError, NotFoundError, ConflictError } from './domain.error';
export { ValidationFailedError } from './validation-failed.error';
export { JsonTooDeepError } from './json-too-deep.error';
export { ProblemDetailsFilter, fastifyClientErrorStatus } from './problem-details.filter';
export {
  DEPENDENCY_RETRY_AFTER_SECONDS,
  DependencyUnavailableError,
  dependencyFailureOf,
} from './dependency-unavailable';
export {
  type FieldProblem,
  type ProblemDetails,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemType,
} from './problem-details';
export { ApiProblem, ApiProblems, FieldProblemView, ProblemView } from './api-problems.decorator';
export { clientErrorHandler } from './client-error.handler';
export { frameworkErrorHandler } from './framework-error.handler';
