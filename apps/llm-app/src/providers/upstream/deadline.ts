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
  /** When the armed timer fires: a restart that moves the deadline later leaves it be (see restart). */
  private firesAt: number;
  private timedOut = false;
  private readonly onCallerAbort = (): void => {
    clearTimeout(this.timer);
    this.controller.abort(this.caller?.reason);
  };

  constructor(
    private limitMs: number,
    private readonly caller?: AbortSignal,
  ) {
    this.firesAt = this.startedAt + limitMs;
    this.timer = this.arm(limitMs);
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

  /**
   * Starts over with a new limit, unless the signal already aborted. A stream restarts it per event,
   * so a deadline that only moves later keeps its timer, which on firing early re-arms for what is left:
   * one timer per stream instead of a clearTimeout and a setTimeout per chunk (decision 0140).
   */
  restart(ms: number): void {
    if (this.controller.signal.aborted) return;
    this.limitMs = ms;
    this.startedAt = performance.now();
    const due = this.startedAt + ms;
    if (due >= this.firesAt) return;
    clearTimeout(this.timer);
    this.firesAt = due;
    this.timer = this.arm(ms);
  }

  private arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.fire(), ms);
    timer.unref();
    return timer;
  }

  private fire(): void {
    const left = this.startedAt + this.limitMs - performance.now();
    if (left > 0) {
      this.firesAt = performance.now() + left;
      this.timer = this.arm(Math.ceil(left));
      return;
    }
    this.timedOut = true;
    this.controller.abort(new DOMException(`timed out after ${this.limitMs} ms`, 'TimeoutError'));
  }
}
