import { DO_NOT_RETRY, OpenAiError, rateLimited, upstreamFailed } from '../../openai/openai.errors';
import { upstreamErrorSchema } from './upstream-wire';

/** Why one attempt failed in a way worth retrying. */
export type RetryableFailure =
  | {
      readonly kind: 'rate-limited';
      readonly message: string;
      readonly retryAfterMs: number | undefined;
      readonly requestId?: string;
    }
  | { readonly kind: 'server-error'; readonly status: number; readonly requestId?: string }
  | { readonly kind: 'connection'; readonly message: string };

/** ` (upstream request id: req_…)` when the upstream gave one. */
const idNote = (requestId: string | undefined) =>
  requestId === undefined ? '' : ` (upstream request id: ${requestId})`;

/**
 * The OpenAI error a client gets once retries are exhausted, in the gateway's
 * words: an upstream's 5xx text can hold stack traces or paths and never
 * reaches the client. When the gateway made retries itself, the answer says
 * `x-should-retry: false`, so the SDK does not multiply them.
 */
export function exhaustedError(upstream: string, failure: RetryableFailure, attempts: number): OpenAiError {
  const tries = attempts === 1 ? '' : ` after ${attempts} attempts`;
  const error =
    failure.kind === 'rate-limited'
      ? rateLimited(
          `${upstream} is rate limiting requests${tries}: ${failure.message}${idNote(failure.requestId)}`,
          Math.max(1, Math.ceil((failure.retryAfterMs ?? 1_000) / 1_000)),
        )
      : failure.kind === 'server-error'
        ? upstreamFailed(
            502,
            `${upstream} failed with HTTP ${failure.status}${tries}${idNote(failure.requestId)}.`,
            'upstream_error',
          )
        : upstreamFailed(502, `${upstream} could not be reached${tries}: ${failure.message}.`, 'upstream_error');
  return attempts > 1 ? error.withHeaders(DO_NOT_RETRY) : error;
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

/** Redirects are not followed (a POST must not turn into a GET): the configured base URL must be the final one. */
export const redirectedError = (upstream: string, status: number, location: string | undefined) =>
  upstreamFailed(
    502,
    `${upstream} answered with a redirect (HTTP ${status}${location === undefined ? '' : ` to ${location}`}), which the gateway does not follow; its base URL must be the final address.`,
    'upstream_error',
  );

/** An upstream 403 that is about the model (no access to it), not about the gateway's key. */
function isModelAccessDenial(code: string | null, message: string): boolean {
  return code === 'model_not_found' || /\bmodel\b/i.test(message);
}

/**
 * A 4xx other than 429 is about the request, so the client gets the upstream's
 * own error (a validation message helps the caller). Two are the gateway's,
 * told in its own words (the upstream's text may quote the key) and marked
 * `x-should-retry: false`: the upstream refusing the gateway's credentials is
 * a 403 `upstream_auth_failed` (the caller's own credentials were fine, and a
 * 4xx is what every client library declines to retry; operators see it as
 * llm_upstream_errors_total{reason="auth"}), and a 403 about the model is a
 * 403 `model_access_denied` naming the model.
 */
export function clientErrorFrom(
  upstream: string,
  status: number,
  body: string,
  model: string,
  requestId: string | undefined,
): OpenAiError {
  const parsed = upstreamErrorSchema.safeParse(safeJson(body));
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code === undefined || error.code === null ? null : String(error.code);
  const message = errorMessageOf(body);
  if (status === 403 && isModelAccessDenial(code, message)) {
    return new OpenAiError(
      403,
      'permission_error',
      'model_access_denied',
      `The provider serving this model (${upstream}) does not give this gateway access to '${model}'${idNote(requestId)}.`,
      'model',
    ).withHeaders(DO_NOT_RETRY);
  }
  if (status === 401 || status === 403) {
    return new OpenAiError(
      403,
      'permission_error',
      'upstream_auth_failed',
      `${upstream} refused the gateway's credentials (HTTP ${status})${idNote(requestId)}; the gateway's operator must fix its upstream API key.`,
    ).withHeaders(DO_NOT_RETRY);
  }
  return new OpenAiError(status, error?.type ?? 'invalid_request_error', code, message, error?.param ?? null);
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
