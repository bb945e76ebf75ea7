import { OpenAiError, rateLimited, upstreamFailed } from '../../openai/openai.errors';
import { upstreamErrorSchema } from './upstream-wire';

/** Why one attempt failed in a way worth retrying. */
export type RetryableFailure =
  | { readonly kind: 'rate-limited'; readonly message: string; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'server-error' | 'connection'; readonly message: string };

/** The OpenAI error a client gets once retries are exhausted. */
export function exhaustedError(upstream: string, failure: RetryableFailure): OpenAiError {
  if (failure.kind === 'rate-limited') {
    const seconds = Math.max(1, Math.ceil((failure.retryAfterMs ?? 1_000) / 1_000));
    return rateLimited(`${upstream} is rate limiting requests: ${failure.message}`, seconds);
  }
  return upstreamFailed(502, `${upstream} failed: ${failure.message}`, 'upstream_error');
}

export const circuitOpenError = (upstream: string) =>
  upstreamFailed(503, `${upstream} is unavailable after repeated failures; try again shortly.`, 'upstream_unavailable');

export const timeoutError = (upstream: string, ms: number) =>
  upstreamFailed(504, `${upstream} did not answer within ${ms} ms.`, 'upstream_timeout');

/** A stream that started, then went silent for longer than LLM_UPSTREAM_STREAM_IDLE_TIMEOUT_MS. */
export const stalledError = (upstream: string, ms: number) =>
  upstreamFailed(504, `${upstream} went silent for ${ms} ms in the middle of a stream.`, 'upstream_timeout');

export const interruptedError = (upstream: string, message: string) =>
  upstreamFailed(502, `${upstream}: ${message}`, 'upstream_error');

/**
 * A 4xx other than 429 is about the request, so the client gets the upstream's
 * own error, except for the upstream refusing the gateway's credentials: that
 * is the gateway's misconfiguration, not the client's, so it is a 502.
 */
export function clientErrorFrom(upstream: string, status: number, body: string): OpenAiError {
  const message = errorMessageOf(body);
  if (status === 401 || status === 403) {
    return upstreamFailed(502, `${upstream} refused the gateway's credentials: ${message}`, 'upstream_auth_failed');
  }
  const parsed = upstreamErrorSchema.safeParse(safeJson(body));
  const error = parsed.success ? parsed.data.error : undefined;
  return new OpenAiError(
    status,
    error?.type ?? 'invalid_request_error',
    error?.code === undefined || error.code === null ? null : String(error.code),
    message,
    error?.param ?? null,
  );
}

/** The message of an OpenAI-shaped error body, else the body itself, shortened. */
export function errorMessageOf(body: string): string {
  const parsed = upstreamErrorSchema.safeParse(safeJson(body));
  const message = parsed.success ? parsed.data.error.message : body.trim();
  return message === '' ? 'no details' : message.slice(0, 500);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
