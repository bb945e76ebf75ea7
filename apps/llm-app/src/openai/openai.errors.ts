/**
 * Errors in the OpenAI shape: `{ "error": { "message", "type", "code", "param" } }`
 * with the status OpenAI uses, so OpenAI SDKs raise their usual exception classes.
 */
export class OpenAiError extends Error {
  private readonly extraHeaders: Record<string, string> = {};

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

  /** Response headers the error is sent with (x-should-retry, the upstream's request id and rate limits). */
  get headers(): Readonly<Record<string, string>> {
    return this.extraHeaders;
  }

  withHeaders(headers: Readonly<Record<string, string>>): this {
    Object.assign(this.extraHeaders, headers);
    return this;
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

/** A request field an upstream is configured to refuse (LLM_UPSTREAMS refuseParams). */
export const parameterRefused = (param: string, upstream: string) =>
  new OpenAiError(
    400,
    'invalid_request_error',
    'unsupported_parameter',
    `Unsupported parameter: '${param}' is not accepted by the provider serving this model (${upstream}).`,
    param,
  );

/**
 * OpenAI's SDKs retry 408, 409, 429 and 5xx unless the response says
 * `x-should-retry: false`: sent when a retry cannot help (the gateway's own
 * credentials were refused) or when the gateway already retried.
 */
export const DO_NOT_RETRY: Readonly<Record<string, string>> = { 'x-should-retry': 'false' };

export const upstreamFailed = (status: 502 | 503 | 504, message: string, code: string) =>
  new OpenAiError(status, 'upstream_error', code, message);
