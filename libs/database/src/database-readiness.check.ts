import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadinessCheck } from '@app/lifecycle';
import { DataSource } from 'typeorm';

/** Readiness: a round trip to the database within the probe's timeout. */
@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get backend(): string {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  check(timeoutMs: number): Promise<HealthIndicatorResult> {
    return Promise.resolve(
      this.indicators
        .check(this.name)
        .attempt(async () => {
          await this.dataSource.query('SELECT 1');
          return { backend: this.backend };
        })
        .withTimeout(timeoutMs),
    );
  }
}
