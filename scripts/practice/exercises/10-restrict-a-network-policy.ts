import { type Exercise } from '../exercise';
import { findObject, manifestsOf } from '../inspect';

interface Peer {
  readonly namespaceSelector?: { readonly matchLabels?: Record<string, string> };
  readonly podSelector?: { readonly matchLabels?: Record<string, string> };
}
interface IngressRule {
  readonly from?: readonly Peer[];
}

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';
export const PROMETHEUS_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus' };

export const restrictANetworkPolicy: Exercise = {
  number: 10,
  title: 'Restrict a NetworkPolicy and see what breaks',
  level: 'advanced',
  inspects: 'NetworkPolicy/sample-app and NetworkPolicy/llm-app in charts-out/local and charts-out/production',
  check(target) {
    const problems: string[] = [];
    for (const env of ['local', 'production']) {
      const objects = manifestsOf(target.chartsOutDir, env);
      for (const app of ['sample-app', 'llm-app']) {
        const policy = findObject(objects, 'NetworkPolicy', app);
        if (!policy) {
          problems.push(`charts-out/${env} has no NetworkPolicy/${app}`);
          continue;
        }
        const peers = ((policy.spec?.ingress ?? []) as IngressRule[]).flatMap((rule) => rule.from ?? []);
        const monitoring = peers.filter(
          (peer) => peer.namespaceSelector?.matchLabels?.[NAMESPACE_LABEL] === 'monitoring',
        );
        if (monitoring.length === 0) {
          problems.push(
            `NetworkPolicy/${app} (${env}) no longer lets Prometheus in: its targets go down and the alerts go blind`,
          );
        }
        for (const peer of monitoring) {
          const pods = peer.podSelector?.matchLabels ?? {};
          const narrowed = Object.entries(PROMETHEUS_POD_LABELS).every(([key, value]) => pods[key] === value);
          if (!narrowed) {
            problems.push(
              `NetworkPolicy/${app} (${env}) lets every pod of namespace monitoring in (Grafana, Loki, Alloy too): add podSelector app.kubernetes.io/name=prometheus to that peer`,
            );
          }
        }
      }
    }
    return Promise.resolve(problems);
  },
};
