import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import type { AppName } from '../datasources';
import { graph, logs, stat, traces } from './panels';
import { APP_BUILD_INFO, HTTP_ACTIVE_REQUESTS, HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION } from '@app/metrics';

export const overviewUid = (app: AppName): string => `${app}-overview`;

/**
 * One app at a glance: the RED signals by route, then saturation (event loop,
 * heap, CPU, restarts), then its logs and slow or failed traces.
 */
export function serviceOverview(app: AppName): DashboardBuilder {
  const job = `job="${app}"`;
  const requests = `${HTTP_REQUESTS_TOTAL}{${job}}`;
  const buckets = `${HTTP_REQUEST_DURATION}_bucket{${job}}`;
  const quantile = (q: number) => ({
    expr: `histogram_quantile(${q}, sum by (le, route) (rate(${buckets}[$__rate_interval])))`,
    legend: `p${Math.round(q * 100)} {{route}}`,
  });
  return new DashboardBuilder(`${app}: service overview`)
    .uid(overviewUid(app))
    .tags(['generated', app, 'service-overview'])
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .withRow(new RowBuilder('Traffic, errors, latency'))
    .withPanel(
      stat('Build', `Version and commit of the running instances (${APP_BUILD_INFO}).`, 'none', [
        { expr: `count by (version, commit) (${APP_BUILD_INFO}{${job}})`, legend: '{{version}} {{commit}}' },
      ]),
    )
    .withPanel(
      stat('Availability (1h)', 'Share of requests not answered with a 5xx over the last hour.', 'percentunit', [
        {
          expr: `1 - ((sum(increase(${requests.replace('}', ',status_code=~"5.."}')}[1h])) or vector(0)) / sum(increase(${requests}[1h])))`,
          legend: 'availability',
        },
      ]),
    )
    .withPanel(
      graph('Request rate by route', 'Requests per second, by route template.', 'reqps', [
        { expr: `sum by (route) (rate(${requests}[$__rate_interval]))`, legend: '{{route}}' },
      ]),
    )
    .withPanel(
      graph('Error ratio', 'Share of requests answered 5xx (server) and 4xx (client).', 'percentunit', [
        {
          expr: `(sum(rate(${requests.replace('}', ',status_code=~"5.."}')}[$__rate_interval])) or vector(0)) / sum(rate(${requests}[$__rate_interval]))`,
          legend: '5xx',
        },
        {
          expr: `(sum(rate(${requests.replace('}', ',status_code=~"4.."}')}[$__rate_interval])) or vector(0)) / sum(rate(${requests}[$__rate_interval]))`,
          legend: '4xx',
        },
      ]),
    )
    .withPanel(
      graph(
        'Latency by route (p50, p95, p99)',
        `Quantiles of ${HTTP_REQUEST_DURATION} by route; exemplars link to traces.`,
        's',
        [quantile(0.5), quantile(0.95), quantile(0.99)],
      ),
    )
    .withPanel(
      graph('In-flight requests', 'Requests received and not yet answered, per instance.', 'short', [
        { expr: `sum by (instance) (${HTTP_ACTIVE_REQUESTS}{${job}})`, legend: '{{instance}}' },
      ]),
    )
    .withRow(new RowBuilder('Saturation'))
    .withPanel(
      graph('Event-loop lag (p99)', 'How late the event loop runs timers: CPU-bound work blocks every request.', 's', [
        { expr: `max by (instance) (nodejs_eventloop_lag_p99_seconds{${job}})`, legend: '{{instance}}' },
      ]),
    )
    .withPanel(
      graph('Heap used', 'V8 heap in use, against the heap size.', 'bytes', [
        { expr: `sum by (instance) (nodejs_heap_size_used_bytes{${job}})`, legend: 'used {{instance}}' },
        { expr: `sum by (instance) (nodejs_heap_size_total_bytes{${job}})`, legend: 'total {{instance}}' },
      ]),
    )
    .withPanel(
      graph('CPU', 'CPU seconds per second used by each process (1 = one core).', 'short', [
        {
          expr: `sum by (instance) (rate(process_cpu_seconds_total{${job}}[$__rate_interval]))`,
          legend: '{{instance}}',
        },
      ]),
    )
    .withPanel(
      graph('Restarts', 'Process restarts in the window: a new process_start_time_seconds per restart.', 'short', [
        { expr: `sum by (instance) (changes(process_start_time_seconds{${job}}[$__range]))`, legend: '{{instance}}' },
      ]),
    )
    .withRow(new RowBuilder('Logs and traces'))
    .withPanel(
      logs(
        'Warnings and errors',
        'Log lines at warn (40) and above; expand one and follow trace_id to its trace in Tempo.',
        `{app="${app}"} | json | level >= 40`,
      ),
    )
    .withPanel(
      traces(
        'Slow or failed traces',
        'Traces of this service that failed or took longer than 500 ms.',
        `{ resource.service.name = "${app}" && (status = error || duration > 500ms) }`,
      ),
    );
}
