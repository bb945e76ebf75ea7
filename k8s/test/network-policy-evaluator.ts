import { cidrContainsAddress } from '../constructs/cidr';
import { type Manifest } from './synthesize';

/** Something that opens or accepts connections: a pod (namespace, labels, IP) or an address outside the cluster. */
export interface Endpoint {
  /** What it is, for messages: `nest-apps/sample-app`, `203.0.113.10`. */
  readonly name: string;
  /** Undefined for an address outside the cluster. */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly ip: string;
}

export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label selector semantics: every matchLabels pair and every expression hold (empty selects all). */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  const pairs = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const expressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const has = Object.hasOwn(labels, key);
    switch (operator) {
      case 'In':
        return has && values.includes(labels[key] ?? '');
      case 'NotIn':
        return !has || !values.includes(labels[key] ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown selector operator ${operator}`);
    }
  });
  return pairs && expressions;
}

/**
 * NetworkPolicies evaluated as the API defines them: a pod selected by no policy of a direction
 * is open in that direction; otherwise a connection passes when any rule of any selecting policy
 * admits it (policies add up). Both ends must agree: the source's egress and the destination's
 * ingress. ipBlocks match addresses (with `except`); pod and namespace selectors match pods only,
 * a podSelector alone within the policy's namespace.
 */
export class NetworkPolicyEvaluator {
  constructor(
    private readonly policies: readonly Manifest[],
    /** Labels of each namespace (kubernetes.io/metadata.name is added as the API server does). */
    private readonly namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) {}

  allows(connection: Connection): boolean {
    return this.side(connection, 'Egress') && this.side(connection, 'Ingress');
  }

  /** The policies that decide one direction, and whether one of them admits the connection. */
  private side(connection: Connection, type: 'Ingress' | 'Egress'): boolean {
    const subject = type === 'Egress' ? connection.from : connection.to;
    const peer = type === 'Egress' ? connection.to : connection.from;
    if (subject.namespace === undefined) return true; // outside the cluster: no policy applies
    const selecting = this.policies.filter(
      (policy) =>
        policy.metadata.namespace === subject.namespace &&
        this.types(policy).includes(type) &&
        selects(policy.spec.podSelector as LabelSelector, subject.labels ?? {}),
    );
    if (selecting.length === 0) return true;
    return selecting.some((policy) => {
      const rules = ((type === 'Egress' ? policy.spec.egress : policy.spec.ingress) ?? []) as Manifest[];
      return rules.some(
        (rule) =>
          this.portMatches(rule.ports as Manifest[] | undefined, connection) &&
          this.peersMatch(
            (type === 'Egress' ? rule.to : rule.from) as Manifest[] | undefined,
            peer,
            policy.metadata.namespace ?? '',
          ),
      );
    });
  }

  private types(policy: Manifest): string[] {
    if (policy.spec.policyTypes) return policy.spec.policyTypes as string[];
    // Defaulted by the API server: Ingress always, Egress when egress rules exist.
    return ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
  }

  private portMatches(ports: Manifest[] | undefined, connection: Connection): boolean {
    if (!ports || ports.length === 0) return true;
    return ports.some((port) => {
      if ((port.protocol ?? 'TCP') !== (connection.protocol ?? 'TCP')) return false;
      if (port.port === undefined) return true;
      if (typeof port.port !== 'number') throw new Error(`named port ${String(port.port)} is not modelled`);
      const end = (port.endPort as number | undefined) ?? port.port;
      return connection.port >= port.port && connection.port <= end;
    });
  }

  private peersMatch(peers: Manifest[] | undefined, endpoint: Endpoint, policyNamespace: string): boolean {
    if (!peers || peers.length === 0) return true;
    return peers.some((peer) => {
      if (peer.ipBlock) {
        const block = peer.ipBlock as { cidr: string; except?: string[] };
        return (
          cidrContainsAddress(block.cidr, endpoint.ip) &&
          !(block.except ?? []).some((range) => cidrContainsAddress(range, endpoint.ip))
        );
      }
      if (endpoint.namespace === undefined) return false;
      const namespaceOk = peer.namespaceSelector
        ? selects(peer.namespaceSelector as LabelSelector, {
            ...this.namespaceLabels[endpoint.namespace],
            'kubernetes.io/metadata.name': endpoint.namespace,
          })
        : endpoint.namespace === policyNamespace;
      const podOk = peer.podSelector ? selects(peer.podSelector as LabelSelector, endpoint.labels ?? {}) : true;
      return namespaceOk && podOk;
    });
  }
}
