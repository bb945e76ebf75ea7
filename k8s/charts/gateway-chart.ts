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

/**
 * cert-manager's ACME HTTP-01 solver pods (cert-manager pkg/issuer/acme/http: label
 * `acme.cert-manager.io/http01-solver`, port 8089), which it starts in the Gateway's namespace for
 * the length of a challenge and routes `/.well-known/acme-challenge/` to through the Gateway.
 */
export function acmeSolverPods(env: Environment): PodPeer & { readonly port: number } {
  return {
    namespace: env.gateway.namespace,
    podLabels: { 'acme.cert-manager.io/http01-solver': 'true' },
    port: 8089,
  };
}

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
    // With TLS the issuer may answer HTTP-01 challenges through the Gateway (docs/decisions/0061):
    // the proxies may reach the solver pods, and nothing else may.
    const solver = env.gateway.tls ? acmeSolverPods(env) : undefined;
    if (solver)
      policy('acme-http01-solver', {
        podSelector: { matchLabels: { ...solver.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [podPeer(proxies)], ports: [tcpPort(solver.port)] }],
      });
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
        ...(solver ? [{ to: [podPeer(solver)], ports: [tcpPort(solver.port)] }] : []),
        dnsEgressRule(),
      ],
    });
  }
}
