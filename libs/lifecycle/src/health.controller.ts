import { Controller, Get, HttpCode, Inject, Logger, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type HealthIndicatorResult, HealthCheckService } from '@nestjs/terminus';
import { OperationalEndpoint } from '@app/access';
import { ApiProblems } from '@app/errors';
import { NotReadyError } from './not-ready.error';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS, type ReadinessCheck } from './readiness-check';
import { ReadinessObserver } from './readiness-observer';
import { ShutdownState } from './shutdown-state';

@OperationalEndpoint()
@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly logger = new Logger('Readiness');
  /** Each check's last status, so a dependency's failure is logged when it starts and ends, not per probe. */
  private readonly lastStatus = new Map<string, string>();

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
    const started = performance.now();
    let status = 'down';
    let message = '';
    try {
      const result = await check.check(READINESS_TIMEOUT_MS);
      status = result[check.name]?.status ?? 'down';
      message = String(result[check.name]?.message ?? '');
      return result;
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.observer?.observe(check.name, check.backend, status, (performance.now() - started) / 1_000);
      this.noteStatus(check, status, message);
    }
  }

  private noteStatus(check: ReadinessCheck, status: string, message: string): void {
    const previous = this.lastStatus.get(check.name);
    this.lastStatus.set(check.name, status);
    if (previous === status || (previous === undefined && status === 'up')) return;
    const what = `${check.name} (${check.backend})`;
    if (status === 'up') this.logger.log(`${what} is up again (was ${previous ?? 'unknown'})`);
    else this.logger.warn(`${what} is ${status}${message === '' ? '' : `: ${message}`}`);
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
