import { Clock } from '@app/lifecycle';
import { CircuitBreaker } from './circuit-breaker';

class ManualClock extends Clock {
  private currentMs = 1_000_000;
  override nowMs(): number {
    return this.currentMs;
  }
  advance(ms: number): void {
    this.currentMs += ms;
  }
}

function breaker(failureThreshold = 3, cooldownMs = 10_000) {
  const clock = new ManualClock();
  return { clock, breaker: new CircuitBreaker({ failureThreshold, cooldownMs }, clock) };
}

function fail(subject: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i++) {
    expect(subject.tryAcquire()).toBe(true);
    subject.recordFailure();
  }
}

describe(CircuitBreaker.name, () => {
  it('stays closed and lets calls through below the failure threshold', () => {
    const { breaker: subject } = breaker(3);
    fail(subject, 2);
    expect(subject.state).toBe('closed');
    expect(subject.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls during the cooldown', () => {
    const { breaker: subject, clock } = breaker(3, 10_000);
    fail(subject, 3);
    expect(subject.state).toBe('open');
    clock.advance(9_999);
    expect(subject.tryAcquire()).toBe(false);
  });

  it('counts only consecutive failures: a success in between resets the count', () => {
    const { breaker: subject } = breaker(3);
    fail(subject, 2);
    subject.recordSuccess();
    fail(subject, 2);
    expect(subject.state).toBe('closed');
  });

  it('becomes half-open after the cooldown and lets exactly one probe through', () => {
    const { breaker: subject, clock } = breaker(3, 10_000);
    fail(subject, 3);
    clock.advance(10_000);
    expect(subject.state).toBe('half-open');
    expect(subject.tryAcquire()).toBe(true);
    expect(subject.tryAcquire()).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { breaker: subject, clock } = breaker(3, 10_000);
    fail(subject, 3);
    clock.advance(10_000);
    subject.tryAcquire();
    subject.recordSuccess();
    expect(subject.state).toBe('closed');
    expect(subject.tryAcquire()).toBe(true);
    expect(subject.tryAcquire()).toBe(true);
  });

  it('probes again after a later outage, once a successful probe closed it', () => {
    const { breaker: subject, clock } = breaker(2, 10_000);
    fail(subject, 2);
    clock.advance(10_000);
    expect(subject.tryAcquire()).toBe(true);
    subject.recordSuccess();
    fail(subject, 2);
    expect(subject.state).toBe('open');
    clock.advance(10_000);
    expect(subject.tryAcquire()).toBe(true);
  });

  it('stays closed when the failures are not consecutive, however many there are', () => {
    const { breaker: subject } = breaker(2);
    for (let i = 0; i < 5; i++) {
      fail(subject, 1);
      expect(subject.tryAcquire()).toBe(true);
      subject.recordSuccess();
    }
    expect(subject.state).toBe('closed');
  });

  it('re-opens for a whole new cooldown when the probe fails', () => {
    const { breaker: subject, clock } = breaker(3, 10_000);
    fail(subject, 3);
    clock.advance(10_000);
    fail(subject, 1);
    expect(subject.state).toBe('open');
    clock.advance(9_999);
    expect(subject.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(subject.tryAcquire()).toBe(true);
  });

  it('frees the probe when its call is abandoned, so another caller can probe', () => {
    const { breaker: subject, clock } = breaker(1, 10_000);
    fail(subject, 1);
    clock.advance(10_000);
    expect(subject.tryAcquire()).toBe(true);
    subject.abandon();
    expect(subject.state).toBe('half-open');
    expect(subject.tryAcquire()).toBe(true);
  });
});
