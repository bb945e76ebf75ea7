/**
 * A timeout as an AbortSignal that can be called off: a stream is bounded
 * until its first token, not for its whole (possibly long) life.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();

  constructor(readonly ms: number) {
    this.timer = setTimeout(
      () => this.controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')),
      ms,
    );
    this.timer.unref();
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
}
