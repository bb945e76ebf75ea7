import { getEventListeners } from 'node:events';
import { Deadline } from './deadline';

describe(Deadline.name, () => {
  describe('signal', () => {
    it("aborts with the caller's reason when the caller's signal aborts, without counting as expired", () => {
      const caller = new AbortController();
      const deadline = new Deadline(60_000, caller.signal);
      const reason = new Error('client disconnected');
      caller.abort(reason);
      expect(deadline.signal.aborted).toBe(true);
      expect(deadline.signal.reason).toBe(reason);
      expect(deadline.expired).toBe(false);
      deadline.clear();
    });

    it("is aborted from the start when the caller's signal already was", () => {
      const deadline = new Deadline(60_000, AbortSignal.abort(new Error('gone')));
      expect(deadline.signal.aborted).toBe(true);
      expect(deadline.expired).toBe(false);
    });

    it('aborts as expired when the limit passes first', async () => {
      const caller = new AbortController();
      const deadline = new Deadline(1, caller.signal);
      await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
      expect(deadline.expired).toBe(true);
      expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
      expect(caller.signal.aborted).toBe(false);
      deadline.clear();
    });
  });

  describe('clear', () => {
    it("removes its listener from the caller's signal", () => {
      const caller = new AbortController();
      const deadline = new Deadline(60_000, caller.signal);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
      deadline.clear();
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('restart', () => {
    it("does not re-arm a deadline whose caller's signal aborted", () => {
      const caller = new AbortController();
      const deadline = new Deadline(60_000, caller.signal);
      caller.abort();
      deadline.restart(1);
      expect(deadline.ms).toBe(60_000);
    });
  });
});
