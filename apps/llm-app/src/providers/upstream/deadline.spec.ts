import { getEventListeners } from 'node:events';
import { Deadline } from './deadline';

describe(Deadline.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('signal', () => {
    it('aborts with a TimeoutError naming the limit once the limit has passed, not before', () => {
      const deadline = new Deadline(1_000);
      jest.advanceTimersByTime(999);
      expect(deadline.expired).toBe(false);
      expect(deadline.signal.aborted).toBe(false);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
      expect(deadline.signal.reason).toBeInstanceOf(DOMException);
      expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 1000 ms' });
    });

    it('never aborts once cleared', () => {
      const deadline = new Deadline(1_000);
      deadline.clear();
      jest.advanceTimersByTime(10_000);
      expect(deadline.expired).toBe(false);
    });

    it("aborts with the caller's reason when the caller's signal aborts, without counting as expired", () => {
      const caller = new AbortController();
      const deadline = new Deadline(60_000, caller.signal);
      const reason = new Error('client disconnected');
      caller.abort(reason);
      expect(deadline.signal.aborted).toBe(true);
      expect(deadline.signal.reason).toBe(reason);
      expect(deadline.expired).toBe(false);
      // Nor later: the client left, the upstream did not time out.
      jest.advanceTimersByTime(60_000);
      expect(deadline.expired).toBe(false);
      deadline.clear();
    });

    it("is aborted from the start when the caller's signal already was", () => {
      const deadline = new Deadline(60_000, AbortSignal.abort(new Error('gone')));
      expect(deadline.signal.aborted).toBe(true);
      expect(deadline.expired).toBe(false);
    });

    it("aborts as expired when the limit passes first, leaving the caller's signal alone", () => {
      const caller = new AbortController();
      const deadline = new Deadline(1, caller.signal);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
      expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
      expect(caller.signal.aborted).toBe(false);
      deadline.clear();
    });
  });

  describe('timer', () => {
    const timersKeepingTheProcessAlive = () =>
      process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

    it('keeps the process alive neither while it waits for its limit nor after a restart', () => {
      jest.useRealTimers();
      const before = timersKeepingTheProcessAlive();
      const deadline = new Deadline(60_000);
      expect(timersKeepingTheProcessAlive()).toBe(before);
      deadline.restart(60_000);
      expect(timersKeepingTheProcessAlive()).toBe(before);
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

    it("leaves no listener on the caller's signal once that signal aborted, even uncleared", () => {
      const caller = new AbortController();
      new Deadline(60_000, caller.signal);
      caller.abort();
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('remainingMs', () => {
    it('counts down from the limit and stops at 0', () => {
      const deadline = new Deadline(1_000);
      expect(deadline.remainingMs).toBe(1_000);
      jest.advanceTimersByTime(400);
      expect(deadline.remainingMs).toBe(600);
      deadline.clear();
      jest.advanceTimersByTime(5_000);
      expect(deadline.remainingMs).toBe(0);
    });
  });

  describe('restart', () => {
    it('bounds what follows by the new limit, counted from the restart', () => {
      const deadline = new Deadline(1_000);
      jest.advanceTimersByTime(900);
      deadline.restart(500);
      expect(deadline.ms).toBe(500);
      expect(deadline.remainingMs).toBe(500);
      // The first limit's moment passes without an abort: its timer is gone.
      jest.advanceTimersByTime(499);
      expect(deadline.expired).toBe(false);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
      expect(deadline.signal.reason).toMatchObject({ message: 'timed out after 500 ms' });
    });

    it('leaves a deadline that already passed as it was, naming the limit that ran out', () => {
      const deadline = new Deadline(1_000);
      jest.advanceTimersByTime(1_000);
      deadline.restart(60_000);
      expect(deadline.expired).toBe(true);
      expect(deadline.ms).toBe(1_000);
      expect(deadline.remainingMs).toBe(0);
    });

    it('moves the deadline later as often as it is called, counting the limit from the last restart', () => {
      const deadline = new Deadline(1_000);
      jest.advanceTimersByTime(900);
      deadline.restart(1_000);
      // The first timer's moment passes: the deadline is now 1,900 ms, and it fires then, not before.
      jest.advanceTimersByTime(999);
      expect(deadline.expired).toBe(false);
      deadline.restart(1_000);
      jest.advanceTimersByTime(999);
      expect(deadline.expired).toBe(false);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
      expect(deadline.signal.reason).toMatchObject({ message: 'timed out after 1000 ms' });
    });

    it('keeps one timer however many times a stream restarts it', () => {
      const deadline = new Deadline(60_000);
      deadline.restart(1_000);
      for (let event = 0; event < 100; event++) {
        jest.advanceTimersByTime(5);
        deadline.restart(1_000);
      }
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(1_000);
      expect(deadline.expired).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('moves the deadline earlier when a later restart gives less time than is left', () => {
      const deadline = new Deadline(60_000);
      deadline.restart(1_000);
      jest.advanceTimersByTime(10);
      deadline.restart(100);
      jest.advanceTimersByTime(99);
      expect(deadline.expired).toBe(false);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
    });

    it('moves the deadline earlier after its timer fired early and re-armed itself for what was left', () => {
      const deadline = new Deadline(60_000);
      deadline.restart(1_000);
      jest.advanceTimersByTime(500);
      deadline.restart(1_000); // later: the armed timer stays, fires at 1,000 ms and re-arms for 500 more
      jest.advanceTimersByTime(510);
      deadline.restart(100);
      jest.advanceTimersByTime(99);
      expect(deadline.expired).toBe(false);
      jest.advanceTimersByTime(1);
      expect(deadline.expired).toBe(true);
    });

    it('arms no new timer for a restart that moves the deadline later or leaves it where it is (one timer per stream, not one per chunk)', () => {
      const deadline = new Deadline(60_000);
      deadline.restart(1_000);
      const arm = jest.spyOn(global, 'setTimeout');
      deadline.restart(1_000);
      for (let event = 0; event < 50; event++) {
        jest.advanceTimersByTime(5);
        deadline.restart(1_000);
      }
      expect(arm).not.toHaveBeenCalled();
      arm.mockRestore();
    });

    it("does not re-arm a deadline whose caller's signal aborted", () => {
      const caller = new AbortController();
      const deadline = new Deadline(60_000, caller.signal);
      caller.abort();
      deadline.restart(1);
      expect(deadline.ms).toBe(60_000);
    });
  });
});
