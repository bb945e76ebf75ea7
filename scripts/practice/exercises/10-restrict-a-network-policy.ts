import { type Exercise } from '../exercise';
import { manifestsOf } from '../inspect';

interface Peer {
  readonly namespaceSelector?: { readonly matchLabels?: Record<string, string> };
  readonly podSelector?: { readonly matchLabels?: Record<string, string> };
}
interface IngressRule {
  readonly from?: readonly Peer[];
}
interface Policy {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly ingress?: readonly IngressRule[] };
}

/** The new in-cluster caller of the exercise: a reporting job's pods. */
export const REPORT_POD_LABELS = { 'app.kubernetes.io/name': 'item-report' };

const admitsReportPods = (policy: Policy): boolean =>
  (policy.spec?.ingress ?? [])
    .flatMap((rule) => rule.from ?? [])
    .some(
      (peer) =>
        peer.namespaceSelector === undefined &&
        Object.entries(REPORT_POD_LABELS).every(([key, value]) => peer.podSelector?.matchLabels?.[key] === value),
    );

export const restrictANetworkPolicy: Exercise = {
  number: 10,
  title: 'Let one more caller in, and only where it needs to go',
  level: 'advanced',
  inspects: 'the NetworkPolicies of namespace nest-apps in charts-out/local',
  check(target) {
    const problems: string[] = [];
    const policies = (manifestsOf(target.chartsOutDir, 'local') as Policy[]).filter(
      (object) => object.kind === 'NetworkPolicy' && object.metadata?.namespace === 'nest-apps',
    );
    const sampleApp = policies.find((policy) => policy.metadata?.name === 'sample-app');
    if (!sampleApp) problems.push('charts-out/local has no NetworkPolicy/sample-app');
    else if (!admitsReportPods(sampleApp)) {
      problems.push(
        "NetworkPolicy/sample-app (local) does not let the pods of item-report (app.kubernetes.io/name=item-report, same namespace) in: the job's calls time out",
      );
    }
    for (const policy of policies) {
      if (policy !== sampleApp && admitsReportPods(policy)) {
        problems.push(
          `NetworkPolicy/${policy.metadata?.name} (local) lets item-report in too: the job only needs sample-app`,
        );
      }
    }
    return Promise.resolve(problems);
  },
};
