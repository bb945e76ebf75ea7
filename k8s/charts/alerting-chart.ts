import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { stringify } from 'yaml';
import { componentLabels, selectorLabels } from '../constructs/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../constructs/pod-security';
import { type Environment } from '../environments';
import { STACK_PODS } from '../observability/stack-pods';
import { imageOf } from './nest-app-chart';
import { ProjectChart } from './project-chart';
import { serviceHost } from '../constructs/cluster-dns';

/** The local receiver: a webhook that writes every notification it gets to its log. */
export const ALERT_SINK = { name: 'alert-sink', port: 8080, path: '/alerts' } as const;

const SINK_USER = 65532;

/** One line of JSON per notification on stdout: `kubectl -n monitoring logs deploy/alert-sink`. */
const SINK_SCRIPT = [
  "require('http').createServer((req, res) => {",
  "  let body = '';",
  "  req.on('data', (chunk) => (body += chunk));",
  "  req.on('end', () => { if (req.method === 'POST') console.log(body); res.end('ok'); });",
  `}).listen(${ALERT_SINK.port});`,
].join('\n');

/**
 * Alertmanager's configuration: everything is grouped by alert, namespace and service (one
 * notification per incident, not per series), a critical alert silences the warning and info
 * alerts of the same incident, and the default route goes to `receiver`.
 */
export function alertmanagerConfig(receiver: { readonly name: string; readonly [key: string]: unknown }) {
  return {
    route: {
      receiver: receiver.name,
      group_by: ['alertname', 'namespace', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      // The stack's always-firing heartbeat is not an incident.
      routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }],
    },
    inhibit_rules: [
      {
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity =~ "warning|info"'],
        equal: ['alertname', 'namespace', 'service'],
      },
      {
        source_matchers: ['severity = "warning"'],
        target_matchers: ['severity = "info"'],
        equal: ['alertname', 'namespace', 'service'],
      },
    ],
    receivers: [receiver, { name: 'null' }],
  };
}

/**
 * Local only: the Alertmanager configuration Secret, routing to a sink in the monitoring
 * namespace whose log shows each delivered alert (it runs the llm-app image's node). In
 * production the Secret is created out of band with real receivers (docs/kubernetes.md).
 */
export class AlertingChart extends ProjectChart {
  constructor(scope: Construct, id: string, env: Environment) {
    super(scope, id);
    const namespace = env.monitoringNamespace;
    const metadata = (name: string, component: string) => ({
      name,
      namespace,
      labels: componentLabels(name, component),
    });
    const url = `http://${serviceHost(ALERT_SINK.name, namespace)}:${ALERT_SINK.port}${ALERT_SINK.path}`;
    new k8s.KubeSecret(this, 'receivers', {
      metadata: metadata(env.alerting.receiversSecret, 'monitoring'),
      stringData: {
        'alertmanager.yaml': stringify(
          alertmanagerConfig({ name: 'local-sink', webhook_configs: [{ url, send_resolved: true }] }),
        ),
      },
    });
    const labels = selectorLabels(ALERT_SINK.name);
    const probe = { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(ALERT_SINK.port) }, periodSeconds: 10 };
    new k8s.KubeDeployment(this, 'sink', {
      metadata: metadata(ALERT_SINK.name, 'monitoring'),
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) },
        },
        template: {
          metadata: {
            labels: componentLabels(ALERT_SINK.name, 'monitoring'),
            annotations: { 'checksum/config': '0'.repeat(64) },
          },
          spec: {
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurityContext(SINK_USER),
            terminationGracePeriodSeconds: 10,
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('16Mi') } }],
            containers: [
              {
                name: ALERT_SINK.name,
                image: imageOf(env, 'llm-app'),
                imagePullPolicy: 'IfNotPresent',
                args: ['-e', SINK_SCRIPT],
                ports: [{ name: 'http', containerPort: ALERT_SINK.port }],
                securityContext: restrictedContainerSecurityContext(SINK_USER),
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
                  limits: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                startupProbe: { ...probe, failureThreshold: 30, periodSeconds: 2 },
                livenessProbe: probe,
                readinessProbe: probe,
              },
            ],
          },
        },
      },
    });
    new k8s.KubeService(this, 'sink-service', {
      metadata: metadata(ALERT_SINK.name, 'monitoring'),
      spec: {
        selector: labels,
        ports: [{ name: 'http', port: ALERT_SINK.port, targetPort: k8s.IntOrString.fromNumber(ALERT_SINK.port) }],
      },
    });
    new k8s.KubePodDisruptionBudget(this, 'sink-pdb', {
      metadata: metadata(ALERT_SINK.name, 'monitoring'),
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: labels } },
    });
    new k8s.KubeNetworkPolicy(this, 'sink-policy', {
      metadata: metadata(ALERT_SINK.name, 'network-policy'),
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { ...STACK_PODS.alertmanager } } }],
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(ALERT_SINK.port) }],
          },
        ],
        egress: [],
      },
    });
  }
}
