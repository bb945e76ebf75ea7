import { write } from './edit';

const ANNOTATIONS = `            exp_annotations:
              summary: 'sample-app is burning its availability error budget fast'
              description: 'sample-app: 10% of requests are failing (objective 99.90 %); at this rate the 30-day budget is gone in under 2 days.'
              runbook_url: 'https://github.com/nest-k8s-observability/nest-k8s-observability/blob/main/docs/runbooks/HttpAvailabilityBudgetBurnFast.md'`;

/** Reference solution of exercise 6: the fast availability burn fires on 10 % errors and resolves once they stop. */
export function sloAlertFiresAndResolves(root: string): void {
  write(
    root,
    'observability/rules-tests/practice-slo.test.yaml',
    `# promtool test rules: HttpAvailabilityBudgetBurnFast fires while 10 % of requests fail and resolves after they stop.
rule_files:
  - ../generated/rules/http-slo.rules.yaml
evaluation_interval: 1m
tests:
  - name: 10 % errors for 75 minutes, then none
    interval: 1m
    input_series:
      - series: 'http_server_requests_total{job="sample-app",route="/info",method="GET",status_code="500"}'
        values: '0+10x75 750+0x60'
      - series: 'http_server_requests_total{job="sample-app",route="/info",method="GET",status_code="200"}'
        values: '0+90x135'
    alert_rule_test:
      - eval_time: 70m
        alertname: HttpAvailabilityBudgetBurnFast
        exp_alerts:
          - exp_labels: { severity: critical, job: sample-app }
${ANNOTATIONS}
      # The 5 m window clears at once; the 30 m one of the 6 h pair takes half an hour.
      - eval_time: 120m
        alertname: HttpAvailabilityBudgetBurnFast
        exp_alerts: []
`,
  );
}
