import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './problem-details';

export class FieldProblemView {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** The problem+json document every error response carries (RFC 9457). */
export class ProblemView {
  @ApiProperty({ example: 'https://problems.nest-k8s-observability.dev/validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Validation Failed' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid; see errors for each rejected field.' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/items' })
  instance!: string;

  @ApiProperty({ example: 'validation-failed' })
  code!: string;

  @ApiProperty({ example: '0b6f6b4e-8a5c-4f7e-9d0a-0c1d2e3f4a5b' })
  requestId!: string;

  @ApiPropertyOptional({ type: [FieldProblemView] })
  errors?: FieldProblemView[];
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid request: `errors` lists each rejected field',
  401: 'Missing or invalid credentials',
  403: 'Authenticated, but not allowed',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  413: 'Body larger than the configured limit',
  422: 'Well-formed, but cannot be processed as sent',
  429: 'Rate limit exceeded; see Retry-After and RateLimit-* headers',
  502: 'A service this one depends on answered with an error',
  503: 'Not ready, or a service this one depends on is unavailable',
  504: 'A service this one depends on did not answer in time',
};

/** What each status's problem looks like: its code, title and a typical detail. */
const EXAMPLES: Readonly<Record<number, { code: string; title: string; detail: string }>> = {
  400: {
    code: 'validation-failed',
    title: 'Validation Failed',
    detail: 'The request is invalid; see errors for each rejected field.',
  },
  401: { code: 'unauthenticated', title: 'Unauthenticated', detail: 'Missing or invalid credentials' },
  403: { code: 'forbidden', title: 'Forbidden', detail: 'This action needs the admin role' },
  404: { code: 'not-found', title: 'Not Found', detail: 'No item with that id' },
  409: { code: 'conflict', title: 'Conflict', detail: 'The resource changed; reload it and try again' },
  413: { code: 'payload-too-large', title: 'Payload Too Large', detail: 'Request body is too large' },
  422: {
    code: 'idempotency-key-reused',
    title: 'Idempotency-Key Reused',
    detail: 'This Idempotency-Key was already used with a different request (method, path or body)',
  },
  429: {
    code: 'rate-limited',
    title: 'Rate Limited',
    detail: 'Too many requests; retry after the time in Retry-After',
  },
  502: { code: 'llm-gateway-error', title: 'LLM Gateway Error', detail: 'llm-app answered with an error' },
  503: { code: 'service-unavailable', title: 'Service Unavailable', detail: 'A dependency is unavailable' },
  504: { code: 'llm-gateway-timeout', title: 'LLM Gateway Timeout', detail: 'llm-app did not answer in time' },
};

/** An example problem document with the status it documents (the schema's examples are a 400's). */
function exampleProblem(status: number): Record<string, unknown> {
  const { code, title, detail } = EXAMPLES[status] ?? { code: 'client-error', title: 'Error', detail: 'Error' };
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail,
    instance: '/api/v1/items',
    code,
    requestId: '0b6f6b4e-8a5c-4f7e-9d0a-0c1d2e3f4a5b',
    ...(status === 400 ? { errors: [{ field: 'email', message: 'email must be an email' }] } : {}),
  };
}

/** Documents error responses as problem+json in the OpenAPI document. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblem(status, DESCRIPTIONS[status] ?? 'Error')));
}

/**
 * One problem+json response with a description of its own, for a route where a status has a
 * meaning the generic one does not say (an Idempotency-Key's 409). Replaces ApiProblems' entry for
 * that status when applied above it.
 */
export function ApiProblem(status: number, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemView, FieldProblemView),
    ApiResponse({
      status,
      description,
      content: {
        [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) }, example: exampleProblem(status) },
      },
    }),
  );
}
