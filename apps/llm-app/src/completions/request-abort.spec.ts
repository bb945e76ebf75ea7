import { EventEmitter, getEventListeners } from 'node:events';
import type { FastifyReply } from 'fastify';
import { abortWhenClientLeaves } from './request-abort';

/** The part of a Fastify reply abortWhenClientLeaves reads: the raw response's close and writableFinished. */
function fakeReply(): { reply: FastifyReply; close(finished: boolean): void } {
  const raw = Object.assign(new EventEmitter(), { writableFinished: false });
  return {
    reply: { raw } as unknown as FastifyReply,
    close: (finished) => {
      raw.writableFinished = finished;
      raw.emit('close');
    },
  };
}

describe(abortWhenClientLeaves.name, () => {
  it('aborts when the client closes the connection before the response finished', () => {
    const { reply, close } = fakeReply();
    const signal = abortWhenClientLeaves(reply);
    close(false);
    expect(signal.aborted).toBe(true);
  });

  it('does not abort when the response finished', () => {
    const { reply, close } = fakeReply();
    const signal = abortWhenClientLeaves(reply);
    close(true);
    expect(signal.aborted).toBe(false);
  });

  it('aborts with the reason of the other signal when that fires first', () => {
    const { reply } = fakeReply();
    const shutdown = new AbortController();
    const signal = abortWhenClientLeaves(reply, shutdown.signal);
    const reason = new Error('shutdown deadline reached');
    shutdown.abort(reason);
    expect(signal.reason).toBe(reason);
  });

  it('takes its listener off the other, long-lived signal once the response closes', () => {
    const { reply, close } = fakeReply();
    const shutdown = new AbortController();
    abortWhenClientLeaves(reply, shutdown.signal);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    close(true);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
