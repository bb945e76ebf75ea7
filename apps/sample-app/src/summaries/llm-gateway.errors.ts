import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

/** Production without LLM_GATEWAY_URL: the deployment chose not to offer summaries. */
export class LlmGatewayNotConfiguredError extends DomainError {
  readonly code = 'llm-gateway-not-configured';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly title = 'LLM Gateway Not Configured';
}

/** llm-app could not be reached (refused, reset, name not resolved). */
export class LlmGatewayUnavailableError extends DomainError {
  readonly code = 'llm-gateway-unavailable';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  readonly title = 'LLM Gateway Unavailable';
}

/** llm-app did not answer within LLM_GATEWAY_TIMEOUT_MS. */
export class LlmGatewayTimeoutError extends DomainError {
  readonly code = 'llm-gateway-timeout';
  readonly status = HttpStatus.GATEWAY_TIMEOUT;
  readonly title = 'LLM Gateway Timeout';
}

/** llm-app refused the caller: its request rate limit or token budget is spent. */
export class LlmRateLimitedError extends DomainError {
  readonly code = 'llm-rate-limited';
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  readonly title = 'LLM Rate Limited';
  override readonly headers: Readonly<Record<string, string>>;

  constructor(detail: string, retryAfterSeconds: string | undefined) {
    super(detail);
    this.headers = retryAfterSeconds === undefined ? {} : { 'retry-after': retryAfterSeconds };
  }
}

/**
 * llm-app answered, but not with a completion: its provider failed, it
 * refused sample-app's credentials or request, or the body was not a completion.
 */
export class LlmGatewayError extends DomainError {
  readonly code = 'llm-gateway-error';
  readonly status = HttpStatus.BAD_GATEWAY;
  readonly title = 'LLM Gateway Error';
}
