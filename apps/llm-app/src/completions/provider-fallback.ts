import { OpenAiError } from '../openai/openai.errors';

/** Statuses meaning "this provider cannot serve now" (not "this request is wrong"). */
const UNAVAILABLE = new Set([429, 502, 503, 504]);

/**
 * Whether a failed provider call should be handed to the model's next
 * provider: only when the provider was unavailable, never for a bad request,
 * and never for a client that already left.
 */
export function shouldFallBack(error: unknown, signal: AbortSignal): boolean {
  return !signal.aborted && error instanceof OpenAiError && UNAVAILABLE.has(error.status);
}

/** Runs `attempt` on each route in turn until one succeeds or a failure is not one to fall back from. */
export async function withFallback<Route, Result>(
  routes: readonly Route[],
  signal: AbortSignal,
  attempt: (route: Route) => Promise<Result>,
): Promise<{ route: Route; result: Result }> {
  for (const [index, route] of routes.entries()) {
    try {
      return { route, result: await attempt(route) };
    } catch (error) {
      if (index === routes.length - 1 || !shouldFallBack(error, signal)) throw error;
    }
  }
  // The last route returns or throws, so only an empty list gets here. Not an Error made up front:
  // its stack trace cost every request (1.3 % of the relay's self time).
  throw new Error('no route to try');
}
