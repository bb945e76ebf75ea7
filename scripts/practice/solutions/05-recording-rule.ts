import { write } from './edit';

/** Reference solution of exercise 5: a traffic rule file with job:http_server_requests:rate5m, and its promtool test. */
export function addARecordingRule(root: string): void {
  write(
    root,
    'observability/src/alerts/traffic.rules.ts',
    `import { type RuleFile } from './rule-types';

/** Requests per second of each app, precomputed for dashboards and alerts that read it often. */
export const trafficRules = (): RuleFile => ({
  name: 'traffic',
  seriesExistToday: true,
  groups: [
    {
      name: 'traffic',
      rules: [{ record: 'job:http_server_requests:rate5m', expr: 'sum by (job) (rate(http_server_requests_total[5m]))' }],
    },
  ],
});
`,
  );
  // What npm run observability:build writes once trafficRules() is in ruleFiles() (observability/src/alerts/catalog.ts).
  write(
    root,
    'observability/generated/rules/traffic.rules.yaml',
    `groups:
  - name: traffic
    rules:
      - record: job:http_server_requests:rate5m
        expr: sum by (job) (rate(http_server_requests_total[5m]))
`,
  );
  write(
    root,
    'observability/rules-tests/traffic.test.yaml',
    `# promtool test rules: one request per second is recorded as a rate of 1 per app.
rule_files:
  - ../generated/rules/traffic.rules.yaml
evaluation_interval: 1m
tests:
  - name: 60 requests a minute on two routes of one app are one rate for the app
    interval: 1m
    input_series:
      - series: 'http_server_requests_total{job="sample-app",route="/",method="GET",status_code="200"}'
        values: '0+30x20'
      - series: 'http_server_requests_total{job="sample-app",route="/info",method="GET",status_code="200"}'
        values: '0+30x20'
    promql_expr_test:
      - expr: job:http_server_requests:rate5m
        eval_time: 10m
        exp_samples:
          - labels: 'job:http_server_requests:rate5m{job="sample-app"}'
            value: 1
`,
  );
}
