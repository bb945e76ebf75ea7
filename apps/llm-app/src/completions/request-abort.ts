import type { FastifyReply } from 'fastify';

/**
 * An AbortSignal that fires when the client goes away before the response is
 * complete, so the provider call (and any upstream request) is cancelled.
 */
export function abortWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}
