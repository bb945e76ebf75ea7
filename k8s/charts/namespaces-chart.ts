import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { componentLabels } from '../constructs/labels';
import { type Environment } from '../environments';
import { PLATFORM_NAMESPACES } from '../observability/pinned-charts';
import { ProjectChart } from './project-chart';

type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/**
 * Pod Security admission labels: `enforce` rejects pods, `audit` and `warn` report what a
 * stricter level would refuse. Every mode follows the cluster's own (latest) version of the
 * standard, so a new Kubernetes release tightens it rather than pinning an old one.
 */
export function podSecurityLabels(enforce: PodSecurityLevel, report: PodSecurityLevel): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': enforce,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/audit': report,
    'pod-security.kubernetes.io/audit-version': 'latest',
    'pod-security.kubernetes.io/warn': report,
    'pod-security.kubernetes.io/warn-version': 'latest',
  };
}

/** DNS to kube-dns, over UDP and TCP. */
export function dnsEgressRule(): k8s.NetworkPolicyEgressRule {
  return {
    to: [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ],
    ports: (['UDP', 'TCP'] as const).map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(53) })),
  };
}

/**
 * The namespaces, and the baseline of the apps namespace: every pod denied all traffic
 * except DNS; each workload's own NetworkPolicy then opens what it needs.
 */
export class NamespacesChart extends ProjectChart {
  constructor(scope: Construct, id: string, env: Environment) {
    super(scope, id);
    const namespace = (cid: string, name: string, labels: Record<string, string>) =>
      new k8s.KubeNamespace(this, cid, {
        metadata: { name, labels: { ...componentLabels(name, 'namespace'), ...labels } },
      });
    namespace('apps', env.namespace, podSecurityLabels('restricted', 'restricted'));
    // The Gateway's proxies and the controllers are third-party pods: baseline is enforced,
    // restricted reported (NGINX binds ports 80/443 with NET_BIND_SERVICE).
    namespace('gateway', env.gateway.namespace, podSecurityLabels('baseline', 'restricted'));
    namespace('gateway-controller', PLATFORM_NAMESPACES.gatewayController, podSecurityLabels('baseline', 'restricted'));
    if (env.gateway.tls) {
      namespace('cert-manager', PLATFORM_NAMESPACES.certManager, podSecurityLabels('baseline', 'restricted'));
    }
    if (env.monitoring.enabled) {
      // node-exporter (host network, host PID) and Alloy (reads /var/log/pods on the node)
      // cannot run restricted; warn and audit still report anything beyond baseline.
      namespace('monitoring', env.monitoringNamespace, podSecurityLabels('privileged', 'baseline'));
    }

    const labels = componentLabels('default-deny', 'network-policy');
    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: { name: 'default-deny', namespace: env.namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'allow-dns', {
      metadata: { name: 'allow-dns', namespace: env.namespace, labels: componentLabels('allow-dns', 'network-policy') },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [dnsEgressRule()] },
    });
  }
}
