import type { FastifyReply } from 'fastify';

/**
 * An AbortSignal that fires when the client goes away before the response is
 * complete, so the provider call (and any upstream request) is cancelled; and,
 * given `alsoOn` (the shutdown deadline's signal, for a stream), when that
 * fires first. The listener on `alsoOn` goes with the response: `alsoOn` lives
 * as long as the process, and a listener left behind per stream would pile up
 * on it. Not `AbortSignal.any`, whose FinalizationRegistry and WeakRefs keep
 * every request's signals until a full GC (docs/decisions/0126).
 */
export function abortWhenClientLeaves(reply: FastifyReply, alsoOn?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const onAlso = (): void => controller.abort(alsoOn?.reason);
  if (alsoOn?.aborted) onAlso();
  else alsoOn?.addEventListener('abort', onAlso, { once: true });
  reply.raw.once('close', () => {
    alsoOn?.removeEventListener('abort', onAlso);
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}
