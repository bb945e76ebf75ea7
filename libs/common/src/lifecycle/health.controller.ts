import { Controller, Get, HttpCode, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type HealthIndicatorResult, HealthCheckService } from '@nestjs/terminus';
import { OperationalEndpoint } from '../access/operational-endpoint.decorator';
import { ApiProblems } from '../errors/api-problems.decorator';
import { NotReadyError } from './not-ready.error';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS, type ReadinessCheck } from './readiness-check';
import { ReadinessObserver } from './readiness-observer';
import { ShutdownState } from './shutdown-state';

@OperationalEndpoint()
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly shutdown: ShutdownState,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    @Optional() private readonly observer?: ReadinessObserver,
  ) {}

  @Get('health')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process can serve. Never checks dependencies.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency answered within its timeout; 503 while shutting down.' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up', responseTime: 2 } } } } })
  @ApiProblems(503)
  async readiness(): Promise<unknown> {
    if (this.shutdown.isShuttingDown) throw new NotReadyError('The service is shutting down.', { checks: {} });
    try {
      return await this.health.check(this.checks.map((check) => () => this.run(check)));
    } catch (error) {
      const details = readinessDetails(error);
      if (details === undefined) throw error;
      const failing = Object.entries(details)
        .filter(([, result]) => result.status === 'down')
        .map(([name]) => name);
      throw new NotReadyError(`Not ready: ${failing.join(', ') || 'a dependency'} is down.`, { checks: details });
    }
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    if (this.observer === undefined) return check.check(READINESS_TIMEOUT_MS);
    const started = performance.now();
    let status = 'down';
    try {
      const result = await check.check(READINESS_TIMEOUT_MS);
      status = result[check.name]?.status ?? 'down';
      return result;
    } finally {
      this.observer.observe(check.name, check.backend, status, (performance.now() - started) / 1_000);
    }
  }
}

type Details = Record<string, { status: string; [key: string]: unknown }>;

/** Terminus raises a 503 whose response carries the per-check details. */
function readinessDetails(error: unknown): Details | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (typeof response === 'object' && response !== null && 'details' in response) {
    return (response as { details: Details }).details;
  }
  return undefined;
}
