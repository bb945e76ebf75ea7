/** How many addresses a process remembers; past it every address is treated as one that failed. */
export const RECENT_FAILURES_MAX_ADDRESSES = 10_000;

/**
 * The addresses this process saw fail authentication in their current window, in process memory.
 *
 * FailedAuthenticationLimit asks the shared counter (a Redis round trip) whether an address is over its
 * limit only for these: an address that never failed here costs nothing before its credential is
 * checked (decision 0151). The record is bounded: ended windows are forgotten once per window length,
 * and once it holds RECENT_FAILURES_MAX_ADDRESSES addresses (a flood of addresses, say IPv6) it reports
 * every address as failing, which is the check on every request the limit made before.
 */
export class RecentFailures {
  private readonly endsAtMs = new Map<string, number>();
  private nextSweepAtMs = 0;

  constructor(
    private readonly maxAddresses = RECENT_FAILURES_MAX_ADDRESSES,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Remembers the address until its window ends, `msLeft` from now. */
  remember(address: string, msLeft: number): void {
    const now = this.nowMs();
    this.sweep(now, msLeft);
    if (this.endsAtMs.size >= this.maxAddresses && !this.endsAtMs.has(address)) return;
    this.endsAtMs.set(address, now + msLeft);
  }

  /** Whether the address failed here in a window that has not ended, or the record is full. */
  includes(address: string): boolean {
    if (this.endsAtMs.size >= this.maxAddresses) return true;
    const endsAt = this.endsAtMs.get(address);
    if (endsAt === undefined) return false;
    if (endsAt > this.nowMs()) return true;
    this.endsAtMs.delete(address);
    return false;
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.endsAtMs.size;
  }

  private sweep(now: number, windowMs: number): void {
    if (now < this.nextSweepAtMs) return;
    this.nextSweepAtMs = now + windowMs;
    for (const [address, endsAt] of this.endsAtMs) if (endsAt <= now) this.endsAtMs.delete(address);
  }
}
