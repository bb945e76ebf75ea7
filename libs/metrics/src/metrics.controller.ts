import { SkipThrottle } from '@nestjs/throttler';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';

/** GET /metrics in Prometheus text format; kept out of the public API document. */
@Public()
// Probes and scrapes arrive every few seconds from a few addresses; never rate-limit them.
@SkipThrottle()
@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
