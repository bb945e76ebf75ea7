import { type Slo, sloAlerts, sloRecordingRules } from './burn-rate';
import type { RuleFile } from './rule-types';
import { HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION } from '@app/metrics';

/** 99.9 % of requests are not answered with a 5xx. */
export const AVAILABILITY_SLO: Slo = {
  name: 'HttpAvailability',
  record: 'job:http_server_errors:ratio_rate',
  what: 'availability',
  bad: 'failing',
  budget: 0.001,
  ratio: (window) =>
    `(sum by (job) (rate(${HTTP_REQUESTS_TOTAL}{status_code=~"5.."}[${window}])) or sum by (job) (rate(${HTTP_REQUESTS_TOTAL}[${window}])) * 0)\n/ sum by (job) (rate(${HTTP_REQUESTS_TOTAL}[${window}]))`,
};

/** 99 % of successful requests answered within 500 ms (a bucket boundary of the histogram). */
export const LATENCY_SLO: Slo = {
  name: 'HttpLatency',
  record: 'job:http_server_slow_requests:ratio_rate',
  what: 'latency',
  bad: 'slow',
  budget: 0.01,
  ratio: (window) =>
    `1 - (sum by (job) (rate(${HTTP_REQUEST_DURATION}_bucket{le="0.5",status_code!~"5.."}[${window}]))\n/ sum by (job) (rate(${HTTP_REQUEST_DURATION}_count{status_code!~"5.."}[${window}])))`,
};

export const httpSloRules = (): RuleFile => ({
  name: 'http-slo',
  seriesExistToday: true,
  groups: [
    { name: 'http-slo-ratios', rules: [...sloRecordingRules(AVAILABILITY_SLO), ...sloRecordingRules(LATENCY_SLO)] },
    { name: 'http-slo-alerts', rules: [...sloAlerts(AVAILABILITY_SLO), ...sloAlerts(LATENCY_SLO)] },
  ],
});
