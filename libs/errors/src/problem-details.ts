/** RFC 9457 problem document, as every error response of the apps carries it. */
export interface ProblemDetails {
  /** URI reference naming the problem type; stable per error code. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path the problem occurred on. */
  readonly instance: string;
  /** Correlates the response with the request's log lines and trace. */
  readonly requestId: string;
  /** Machine-readable code, identical to the last segment of `type`. */
  readonly code: string;
  /** For validation problems: one entry per rejected field. */
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://problems.nest-k8s-observability.dev/';

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
