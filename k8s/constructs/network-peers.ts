import { k8s } from 'cdk8s-plus-28';

/** A destination a workload may open connections to; exactly one of podLabels and cidr. */
export interface EgressTarget {
  /** What the destination is (postgres, redis, llm-upstream...): named in errors. */
  readonly name: string;
  /** Pods, in the workload's own namespace unless `namespace` is given. */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Namespace of the `podLabels` pods. */
  readonly namespace?: string;
  /** Addresses outside the cluster. */
  readonly cidr?: string;
  /** Addresses inside `cidr` that stay forbidden. */
  readonly except?: readonly string[];
  readonly port: number;
}

/** Pods allowed to connect to a workload: by labels, in its own namespace unless `namespace` is given. */
export interface PodPeer {
  readonly podLabels: Readonly<Record<string, string>>;
  readonly namespace?: string;
}

export function namespaceSelector(namespace: string): k8s.LabelSelector {
  return { matchLabels: { 'kubernetes.io/metadata.name': namespace } };
}

/** The NetworkPolicy peer of some pods, in the policy's namespace or in a named one. */
export function podPeer(peer: PodPeer): k8s.NetworkPolicyPeer {
  return {
    ...(peer.namespace !== undefined ? { namespaceSelector: namespaceSelector(peer.namespace) } : {}),
    podSelector: { matchLabels: { ...peer.podLabels } },
  };
}

export function tcpPort(port: number): k8s.NetworkPolicyPort {
  return { protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) };
}

export function egressRule(target: EgressTarget, prop: string): k8s.NetworkPolicyEgressRule {
  if ((target.podLabels === undefined) === (target.cidr === undefined)) {
    throw new Error(`${prop}: egress target "${target.name}" needs exactly one of podLabels and cidr`);
  }
  const peer: k8s.NetworkPolicyPeer =
    target.cidr !== undefined
      ? {
          ipBlock: {
            cidr: target.cidr,
            except: target.except && target.except.length > 0 ? [...target.except] : undefined,
          },
        }
      : podPeer({ podLabels: target.podLabels ?? {}, namespace: target.namespace });
  return { to: [peer], ports: [tcpPort(target.port)] };
}
