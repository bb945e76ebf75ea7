/**
 * A timeout as an AbortSignal that can be called off or restarted: a stream is
 * bounded until its first token, then by the silence between two chunks, not
 * for its whole (possibly long) life.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  private startedAt = performance.now();

  constructor(private limitMs: number) {
    this.timer = this.arm();
  }

  /** The limit that applies now (and that a timeout message should name). */
  get ms(): number {
    return this.limitMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  get remainingMs(): number {
    return Math.max(0, this.ms - (performance.now() - this.startedAt));
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  /** Starts over with a new limit, unless the deadline already passed. */
  restart(ms: number): void {
    if (this.expired) return;
    clearTimeout(this.timer);
    this.limitMs = ms;
    this.startedAt = performance.now();
    this.timer = this.arm();
  }

  private arm(): NodeJS.Timeout {
    const ms = this.limitMs;
    const timer = setTimeout(
      () => this.controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')),
      ms,
    );
    timer.unref();
    return timer;
  }
}
