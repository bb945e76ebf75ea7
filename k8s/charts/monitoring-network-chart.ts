import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { componentLabels, selectorLabels } from '../constructs/labels';
import { podPeer, tcpPort } from '../constructs/network-peers';
import { type AppName, type Environment } from '../environments';
import { type StackComponent, STACK_PODS, STACK_PORTS } from '../observability/stack-pods';
import { ALERT_SINK } from './alerting-chart';
import { dnsEgressRule } from './namespaces-chart';
import { ProjectChart } from './project-chart';

/** One end of a connection the monitoring stack makes or accepts. */
export type StackPeer =
  | { readonly component: StackComponent }
  | { readonly app: AppName }
  /** A project pod of the monitoring namespace (the local alert sink). */
  | { readonly podLabels: Readonly<Record<string, string>> }
  | { readonly cidr: string; readonly except?: readonly string[] }
  /** Anyone, the API server's admission calls included (it is not a pod). */
  | { readonly anywhere: true };

/** A connection: `from` opens it to `to` on `port`. One side at least is a stack component. */
export interface StackFlow {
  readonly from: StackPeer;
  readonly to: StackPeer;
  readonly port: number;
  /** Why the stack needs it. */
  readonly why: string;
}

const c = (component: StackComponent): StackPeer => ({ component });

/** Every connection of the observability stack: the policies below allow these and nothing else. */
export function stackFlows(env: Environment, apps: readonly { name: AppName; port: number }[]): StackFlow[] {
  const apiServer: StackPeer = { cidr: env.network.apiServer.cidr };
  const nodes: StackPeer = { cidr: env.network.nodeCidr };
  const apiPort = env.network.apiServer.port;
  const toApi = (component: StackComponent, why: string): StackFlow => ({
    from: c(component),
    to: apiServer,
    port: apiPort,
    why,
  });
  return [
    ...apps.map(({ name, port }) => ({ from: c('prometheus'), to: { app: name }, port, why: 'scrape /metrics' })),
    ...apps.map(({ name }) => ({
      from: { app: name },
      to: c('tempo'),
      port: STACK_PORTS.tempoOtlpHttp,
      why: 'spans over OTLP/HTTP',
    })),
    { from: c('prometheus'), to: c('alertmanager'), port: STACK_PORTS.alertmanager, why: 'alerts' },
    { from: c('prometheus'), to: c('alertmanager'), port: STACK_PORTS.configReloader, why: 'scrape the reloader' },
    { from: c('prometheus'), to: c('grafana'), port: STACK_PORTS.grafana, why: 'scrape Grafana' },
    { from: c('prometheus'), to: c('operator'), port: STACK_PORTS.operator, why: 'scrape the operator' },
    { from: c('prometheus'), to: c('kubeStateMetrics'), port: STACK_PORTS.kubeStateMetrics, why: 'object metrics' },
    { from: c('prometheus'), to: c('loki'), port: STACK_PORTS.loki, why: 'scrape Loki' },
    { from: c('prometheus'), to: c('tempo'), port: STACK_PORTS.tempoQuery, why: 'scrape Tempo' },
    { from: c('prometheus'), to: c('alloy'), port: STACK_PORTS.alloy, why: 'scrape Alloy' },
    { from: c('prometheus'), to: nodes, port: STACK_PORTS.kubelet, why: 'kubelet and cAdvisor' },
    { from: c('prometheus'), to: nodes, port: STACK_PORTS.nodeExporter, why: 'node-exporter (host network)' },
    toApi('prometheus', 'service discovery'),
    { from: c('grafana'), to: c('prometheus'), port: STACK_PORTS.prometheus, why: 'Prometheus datasource' },
    { from: c('grafana'), to: c('loki'), port: STACK_PORTS.loki, why: 'Loki datasource' },
    { from: c('grafana'), to: c('tempo'), port: STACK_PORTS.tempoQuery, why: 'Tempo datasource' },
    toApi('grafana', 'dashboard and datasource sidecars watch ConfigMaps'),
    { from: c('alloy'), to: c('loki'), port: STACK_PORTS.loki, why: 'push logs' },
    toApi('alloy', 'pod discovery'),
    toApi('operator', 'reconcile'),
    toApi('kubeStateMetrics', 'list and watch objects'),
    ...(env.alerting.egressCidr === null
      ? [
          {
            from: c('alertmanager'),
            to: { podLabels: selectorLabels(ALERT_SINK.name) },
            port: ALERT_SINK.port,
            why: 'local sink',
          },
        ]
      : [
          {
            from: c('alertmanager'),
            to: {
              cidr: env.alerting.egressCidr,
              except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'],
            },
            port: 443,
            why: 'receivers over HTTPS',
          },
        ]),
  ];
}

function peerOf(env: Environment, peer: StackPeer): k8s.NetworkPolicyPeer {
  if ('component' in peer) return { podSelector: { matchLabels: { ...STACK_PODS[peer.component] } } };
  if ('app' in peer) return podPeer({ namespace: env.namespace, podLabels: selectorLabels(peer.app) });
  if ('podLabels' in peer) return { podSelector: { matchLabels: { ...peer.podLabels } } };
  if ('cidr' in peer) {
    return { ipBlock: { cidr: peer.cidr, ...(peer.except?.length ? { except: [...peer.except] } : {}) } };
  }
  return {};
}

export interface MonitoringNetworkChartProps {
  readonly env: Environment;
  readonly apps: readonly { readonly name: AppName; readonly port: number }[];
}

/**
 * Default deny in the monitoring namespace, then one policy per stack component opening
 * exactly its flows (stackFlows). node-exporter runs on the host network, where
 * NetworkPolicies do not apply.
 */
export class MonitoringNetworkChart extends ProjectChart {
  constructor(scope: Construct, id: string, props: MonitoringNetworkChartProps) {
    super(scope, id);
    const { env } = props;
    const namespace = env.monitoringNamespace;
    const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
      new k8s.KubeNetworkPolicy(this, name, {
        metadata: { name, namespace, labels: componentLabels(name, 'network-policy') },
        spec,
      });
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    policy('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [dnsEgressRule()] });
    const flows = stackFlows(env, props.apps);
    for (const component of Object.keys(STACK_PODS) as StackComponent[]) {
      const incoming = flows.filter((flow) => 'component' in flow.to && flow.to.component === component);
      const outgoing = flows.filter((flow) => 'component' in flow.from && flow.from.component === component);
      if (incoming.length === 0 && outgoing.length === 0) continue;
      policy(`${component.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, {
        podSelector: { matchLabels: { ...STACK_PODS[component] } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: incoming.map((flow) => {
          const from = peerOf(env, flow.from);
          return Object.keys(from).length > 0
            ? { from: [from], ports: [tcpPort(flow.port)] }
            : { ports: [tcpPort(flow.port)] };
        }),
        egress: outgoing.map((flow) => ({ to: [peerOf(env, flow.to)], ports: [tcpPort(flow.port)] })),
      });
    }
  }
}
