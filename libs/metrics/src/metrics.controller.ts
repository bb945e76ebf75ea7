import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OperationalEndpoint } from '@app/access';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { register } from 'prom-client';
import { OPENMETRICS_CONTENT_TYPE, renderOpenMetrics } from './open-metrics';

/**
 * GET /metrics, kept out of the public API document. Prometheus text format,
 * or OpenMetrics (which carries the latency histogram's trace exemplars) when
 * the scraper's Accept header asks for it.
 */
@OperationalEndpoint()
@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override async index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    const reply = response as FastifyReply;
    if (!wantsOpenMetrics(reply.request.headers.accept)) return super.index(response);
    void reply.header('Content-Type', OPENMETRICS_CONTENT_TYPE);
    return renderOpenMetrics(register);
  }
}

function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('application/openmetrics-text');
}
