import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { componentLabels } from '../constructs/labels';
import { type Environment } from '../environments';
import { ProjectChart } from './project-chart';

/**
 * The namespaces, and the baseline of the apps namespace: every pod denied all traffic
 * except DNS; each workload's own NetworkPolicy then opens what it needs.
 */
export class NamespacesChart extends ProjectChart {
  constructor(scope: Construct, id: string, env: Environment) {
    super(scope, id);
    new k8s.KubeNamespace(this, 'apps', {
      metadata: {
        name: env.namespace,
        labels: {
          ...componentLabels(env.namespace, 'namespace'),
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    if (env.monitoring.enabled) {
      new k8s.KubeNamespace(this, 'monitoring', {
        metadata: {
          name: env.monitoringNamespace,
          labels: {
            ...componentLabels(env.monitoringNamespace, 'namespace'),
            // node-exporter (host network, host PID) and Alloy (reads /var/log/pods on
            // the node) cannot run restricted; warn and audit still report anything
            // beyond baseline.
            'pod-security.kubernetes.io/enforce': 'privileged',
            'pod-security.kubernetes.io/audit': 'baseline',
            'pod-security.kubernetes.io/warn': 'baseline',
          },
        },
      });
    }

    const labels = componentLabels('default-deny', 'network-policy');
    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: { name: 'default-deny', namespace: env.namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const dns = [53].flatMap((port) =>
      (['UDP', 'TCP'] as const).map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(port) })),
    );
    new k8s.KubeNetworkPolicy(this, 'allow-dns', {
      metadata: { name: 'allow-dns', namespace: env.namespace, labels: componentLabels('allow-dns', 'network-policy') },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: dns,
          },
        ],
      },
    });
  }
}
