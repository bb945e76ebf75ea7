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

  async sleep(ms: number): Promise<void> {
    await sleep(ms);
  }
}
