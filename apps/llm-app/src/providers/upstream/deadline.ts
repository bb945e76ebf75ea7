/**
 * A timeout as an AbortSignal that can be called off or restarted: a stream is
 * bounded until its first token, then by the silence between two chunks, not
 * for its whole (possibly long) life.
 *
 * Its signal also aborts when the caller's signal does (the client left), so one
 * signal cancels the upstream request for either reason. That is a listener on
 * the caller's signal, not `AbortSignal.any`: `any` registers each source in a
 * FinalizationRegistry and links them through WeakRefs, which only a full GC
 * clears, so every request's signals (and what their listeners hold) outlived
 * the young generation and filled the old one under load (docs/decisions/0126).
 */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  private startedAt = performance.now();
  private timedOut = false;
  private readonly onCallerAbort = (): void => {
    clearTimeout(this.timer);
    this.controller.abort(this.caller?.reason);
  };

  constructor(
    private limitMs: number,
    private readonly caller?: AbortSignal,
  ) {
    this.timer = this.arm();
    if (caller === undefined) return;
    if (caller.aborted) this.onCallerAbort();
    else caller.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The limit that applies now (and that a timeout message should name). */
  get ms(): number {
    return this.limitMs;
  }

  /** Aborts when the deadline passes or the caller's signal aborts, whichever comes first. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the deadline itself passed (not the caller's abort). */
  get expired(): boolean {
    return this.timedOut;
  }

  get remainingMs(): number {
    return Math.max(0, this.ms - (performance.now() - this.startedAt));
  }

  clear(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Starts over with a new limit, unless the signal already aborted. */
  restart(ms: number): void {
    if (this.controller.signal.aborted) return;
    clearTimeout(this.timer);
    this.limitMs = ms;
    this.startedAt = performance.now();
    this.timer = this.arm();
  }

  private arm(): NodeJS.Timeout {
    const ms = this.limitMs;
    const timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
    }, ms);
    timer.unref();
    return timer;
  }
}
