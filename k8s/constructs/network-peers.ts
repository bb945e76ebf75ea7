import { k8s } from 'cdk8s-plus-28';

/** A destination a workload may open connections to; exactly one of podLabels and cidr. */
export interface EgressTarget {
  /** What the destination is (postgres, redis, llm-upstream...): named in errors. */
  readonly name: string;
  /** Pods in the workload's own namespace. */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Addresses outside the cluster. */
  readonly cidr?: string;
  /** Addresses inside `cidr` that stay forbidden. */
  readonly except?: readonly string[];
  readonly port: number;
}

export function namespacePeer(namespace: string): k8s.NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

export function egressRule(target: EgressTarget, prop: string): k8s.NetworkPolicyEgressRule {
  if ((target.podLabels === undefined) === (target.cidr === undefined)) {
    throw new Error(`${prop}: egress target "${target.name}" needs exactly one of podLabels and cidr`);
  }
  const peer: k8s.NetworkPolicyPeer =
    target.cidr !== undefined
      ? { ipBlock: { cidr: target.cidr, except: target.except ? [...target.except] : undefined } }
      : { podSelector: { matchLabels: { ...target.podLabels } } };
  return { to: [peer], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(target.port) }] };
}
