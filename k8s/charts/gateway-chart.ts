import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { componentLabels, selectorLabels } from '../constructs/labels';
import { type PodPeer, podPeer, tcpPort } from '../constructs/network-peers';
import { PublicGateway } from '../constructs/public-gateway';
import { type AppName, appSettingsOf, type Environment } from '../environments';
import { PLATFORM_CHARTS, PLATFORM_NAMESPACES } from '../observability/pinned-charts';
import { ProjectChart } from './project-chart';
import { dnsEgressRule } from './namespaces-chart';

/**
 * The proxy pods the controller provisions for the Gateway: the Gateway API's standard label
 * (GEP-1762) on the infrastructure of a Gateway, in the Gateway's namespace.
 */
export function gatewayProxyPods(env: Environment): PodPeer {
  return {
    namespace: env.gateway.namespace,
    podLabels: { 'gateway.networking.k8s.io/gateway-name': env.gateway.name },
  };
}

/** The control plane the proxies fetch their configuration from (NGINX Gateway Fabric's gRPC port). */
const CONTROL_PLANE_PORT = 8443;

export interface GatewayChartProps {
  readonly env: Environment;
  /** The apps with a host, and their container ports. */
  readonly apps: readonly { readonly name: AppName; readonly port: number }[];
}

/**
 * The Gateway in its own namespace, and that namespace's NetworkPolicies: the proxies take
 * HTTP(S) from anywhere and may open connections only to the routed apps, their control plane
 * and DNS.
 */
export class GatewayChart extends ProjectChart {
  constructor(scope: Construct, id: string, props: GatewayChartProps) {
    super(scope, id);
    const { env } = props;
    const hosts = props.apps
      .map(({ name }) => appSettingsOf(env, name).host)
      .filter((host): host is string => host !== null);
    new PublicGateway(this, 'gateway', {
      name: env.gateway.name,
      namespace: env.gateway.namespace,
      className: env.gateway.className,
      routesNamespace: env.namespace,
      hosts,
      clusterIssuer: env.gateway.tls?.clusterIssuer,
    });
    const proxies = gatewayProxyPods(env);
    const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
      new k8s.KubeNetworkPolicy(this, name, {
        metadata: { name, namespace: env.gateway.namespace, labels: componentLabels(name, 'network-policy') },
        spec,
      });
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const listenerPorts = env.gateway.tls ? [80, 443] : [80];
    policy('gateway-proxy', {
      podSelector: { matchLabels: { ...proxies.podLabels } },
      policyTypes: ['Ingress', 'Egress'],
      // From anywhere: this is the public entry point.
      ingress: [{ ports: listenerPorts.map(tcpPort) }],
      egress: [
        ...props.apps.map(({ name, port }) => ({
          to: [podPeer({ namespace: env.namespace, podLabels: selectorLabels(name) })],
          ports: [tcpPort(port)],
        })),
        {
          to: [
            podPeer({
              namespace: PLATFORM_NAMESPACES.gatewayController,
              podLabels: { 'app.kubernetes.io/name': PLATFORM_CHARTS.gatewayController.name },
            }),
          ],
          ports: [tcpPort(CONTROL_PLANE_PORT)],
        },
        dnsEgressRule(),
      ],
    });
  }
}
