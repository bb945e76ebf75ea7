/**
 * Errors in the OpenAI shape: `{ "error": { "message", "type", "code", "param" } }`
 * with the status OpenAI uses, so OpenAI SDKs raise their usual exception classes.
 */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    /** Seconds, for a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'OpenAiError';
  }

  toBody(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null = null) =>
  new OpenAiError(400, 'invalid_request_error', 'invalid_request', message, param);

export const modelNotFound = (model: string) =>
  new OpenAiError(404, 'invalid_request_error', 'model_not_found', `The model '${model}' does not exist.`, 'model');

export const rateLimited = (message: string, retryAfterSeconds: number, code = 'rate_limit_exceeded') =>
  new OpenAiError(429, 'rate_limit_error', code, message, null, retryAfterSeconds);

export const upstreamFailed = (status: 502 | 503 | 504, message: string, code: string) =>
  new OpenAiError(status, 'upstream_error', code, message);
