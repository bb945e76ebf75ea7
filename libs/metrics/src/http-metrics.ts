import { Injectable } from '@nestjs/common';
import { sampledTraceFields } from '@app/tracing';
import { Counter, Gauge, Histogram, type LabelValues, register } from 'prom-client';
import { metricOnce } from './metric-once';

export const HTTP_REQUEST_DURATION = 'http_server_request_duration_seconds';
export const HTTP_REQUESTS_TOTAL = 'http_server_requests_total';
export const HTTP_ACTIVE_REQUESTS = 'http_server_active_requests';

/**
 * Seconds; from a cache hit (1 ms) to a slow upstream or a long LLM completion
 * (60 s). Each bucket is a series per route and status: no more than needed.
 */
export const HTTP_LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

type RequestLabels = 'method' | 'route' | 'status_code';

/** HTTP server RED metrics: one histogram, one counter, one in-flight gauge. */
@Injectable()
export class HttpMetrics {
  private readonly duration = metricOnce(HTTP_REQUEST_DURATION, () => {
    const histogram = new Histogram<RequestLabels>({
      name: HTTP_REQUEST_DURATION,
      help: 'Time from request received to response sent, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [...HTTP_LATENCY_BUCKETS],
      enableExemplars: true,
      // prom-client refuses exemplars on a text-format registry, yet /metrics serves both formats
      // from the one default registry (exemplars are written only in OpenMetrics): register by hand.
      registers: [],
    });
    register.registerMetric(histogram);
    return histogram;
  });

  private readonly requests = metricOnce(
    HTTP_REQUESTS_TOTAL,
    () =>
      new Counter<RequestLabels>({
        name: HTTP_REQUESTS_TOTAL,
        help: 'Requests answered, by method, route template and status code.',
        labelNames: ['method', 'route', 'status_code'],
      }),
  );

  private readonly active = metricOnce(
    HTTP_ACTIVE_REQUESTS,
    () => new Gauge({ name: HTTP_ACTIVE_REQUESTS, help: 'Requests received and not yet answered.' }),
  );

  requestStarted(): void {
    this.active.inc();
  }

  requestAborted(): void {
    this.active.dec();
  }

  /** `route` is the matched template (or the unmatched label), never the raw path. */
  requestFinished(method: string, route: string, statusCode: number, seconds: number): void {
    this.active.dec();
    const labels = { method, route, status_code: String(statusCode) };
    this.requests.inc(labels);
    const exemplar = sampledTraceFields();
    if (exemplar === undefined) this.duration.observe({ labels, value: seconds });
    // prom-client types exemplar labels as the metric's own labels; OpenMetrics allows any.
    else
      this.duration.observe({
        labels,
        value: seconds,
        exemplarLabels: exemplar as unknown as LabelValues<RequestLabels>,
      });
  }
}
