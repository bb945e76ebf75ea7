import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** Time behind an injectable seam, so tests can run shutdown and expiry without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  nowMs(): number {
    return Date.now();
  }

  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await sleep(ms, undefined, signal === undefined ? undefined : { signal });
  }
}
