import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

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
  429: 'Rate limit exceeded; see Retry-After and RateLimit-* headers',
  502: 'A service this one depends on answered with an error',
  503: 'Not ready, or a service this one depends on is unavailable',
  504: 'A service this one depends on did not answer in time',
};

/** Documents error responses as problem+json in the OpenAPI document. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemView, FieldProblemView),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
      }),
    ),
  );
}
