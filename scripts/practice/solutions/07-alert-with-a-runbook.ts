import { editYaml, replaceIn, write } from './edit';

const RUNBOOK_URL =
  'https://github.com/nest-k8s-observability/nest-k8s-observability/blob/main/docs/runbooks/HttpTrafficStopped.md';
const EXPR = 'sum by (job) (increase(http_server_requests_total[15m])) == 0';
const SUMMARY = '{{ $labels.job }} receives no requests';
const DESCRIPTION = 'No request reached {{ $labels.job }} for 15 minutes: check the route to it before the app.';

interface RuleFileShape {
  groups: { rules: object[] }[];
}

/** Reference solution of exercise 7: the HttpTrafficStopped alert, its promtool test and its runbook. */
export function alertWithARunbook(root: string): void {
  replaceIn(
    root,
    'observability/src/alerts/platform.rules.ts',
    /rules: \[\n/,
    `rules: [
        {
          alert: 'HttpTrafficStopped',
          expr: '${EXPR}',
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: '${SUMMARY}',
            description: '${DESCRIPTION}',
            runbook_url: runbook('HttpTrafficStopped'),
          },
        },
`,
  );
  // What npm run observability:build writes from it.
  editYaml(root, 'observability/generated/rules/platform.rules.yaml', ([file]) => {
    const rules = file as RuleFileShape;
    rules.groups[0]!.rules.unshift({
      alert: 'HttpTrafficStopped',
      expr: EXPR,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: { summary: SUMMARY, description: DESCRIPTION, runbook_url: RUNBOOK_URL },
    });
    return [rules];
  });
  write(
    root,
    'observability/rules-tests/traffic-stopped.test.yaml',
    `# promtool test rules: HttpTrafficStopped fires when requests stop, not while they flow.
rule_files:
  - ../generated/rules/platform.rules.yaml
evaluation_interval: 1m
tests:
  - name: requests stop after 30 minutes
    interval: 1m
    input_series:
      - series: 'http_server_requests_total{job="sample-app",route="/",method="GET",status_code="200"}'
        values: '0+60x30 1800+0x40'
    alert_rule_test:
      - eval_time: 25m
        alertname: HttpTrafficStopped
        exp_alerts: []
      - eval_time: 70m
        alertname: HttpTrafficStopped
        exp_alerts:
          - exp_labels: { severity: warning, job: sample-app }
            exp_annotations:
              summary: 'sample-app receives no requests'
              description: 'No request reached sample-app for 15 minutes: check the route to it before the app.'
              runbook_url: '${RUNBOOK_URL}'
`,
  );
  write(
    root,
    'docs/runbooks/HttpTrafficStopped.md',
    `# HttpTrafficStopped

**Severity:** warning. An app has answered no request at all for 15 minutes (10 minutes pending after a
15-minute window). The app may be healthy: what stopped is the traffic reaching it.

## Check

1. The service overview dashboard: request rate by route; did it drop at once (routing) or fade (clients)?
2. \`kubectl get gateway,httproute,ingress -A\` and the Service's endpoints: \`kubectl get endpointslices -l kubernetes.io/service-name=<app>\`.
3. The NetworkPolicy of the app: a recent change that dropped the controller's namespace from its ingress.

## Act

- No endpoints: the pods are not ready; follow ReadinessFlapping or PodRestartLoop.
- Route or policy changed: roll the change back, then fix it with a test.
- Clients stopped on purpose (maintenance): silence the alert for the window.
`,
  );
}
