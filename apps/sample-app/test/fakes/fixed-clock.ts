import { Clock } from '@app/lifecycle';

/** A Clock that stands still until told to move. */
export class FixedClock extends Clock {
  constructor(private current = new Date('2026-05-01T12:00:00.000Z')) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  override nowMs(): number {
    return this.current.getTime();
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
