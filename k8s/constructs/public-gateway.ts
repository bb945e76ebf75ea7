import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IGateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway' with {
  'resolution-mode': 'import',
};
import { componentLabels } from './labels';
import { namespaceSelector } from './network-peers';

type Listener = IGateway['spec']['listeners'][number];

export interface PublicGatewayProps {
  readonly name: string;
  readonly namespace: string;
  readonly className: string;
  /** Namespace whose HTTPRoutes may attach (the apps'). */
  readonly routesNamespace: string;
  /** Hosts served; with `clusterIssuer`, each gets its own HTTPS listener and certificate. */
  readonly hosts: readonly string[];
  /**
   * cert-manager ClusterIssuer of the HTTPS listeners' certificates.
   * @default - plain HTTP only
   */
  readonly clusterIssuer?: string;
}

/** Listener names: `http`, and `https-<host label>` per host. */
export function httpsListenerName(host: string): string {
  return `https-${host.split('.')[0]}`;
}

/** Secret holding the certificate cert-manager issues for a host's HTTPS listener. */
export function tlsSecretName(host: string): string {
  return `${host.split('.')[0]}-tls`;
}

/**
 * The one Gateway of the environment. Without TLS a single HTTP listener takes the apps'
 * routes; with TLS every host gets an HTTPS listener (cert-manager's Gateway support issues
 * one certificate per listener from the annotation) and the HTTP listener only redirects.
 */
export class PublicGateway extends Construct {
  readonly listenerForRoutes: (host: string) => string;

  constructor(scope: Construct, id: string, props: PublicGatewayProps) {
    super(scope, id);
    if (props.hosts.length === 0) throw new Error('hosts: a Gateway with no host routes nothing');
    const fromApps = { namespaces: { from: 'Selector' as const, selector: namespaceSelector(props.routesNamespace) } };
    const tls = props.clusterIssuer !== undefined;
    const listeners: Listener[] = [
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        // With TLS only the redirect route of the Gateway's own namespace attaches here.
        allowedRoutes: tls ? { namespaces: { from: 'Same' } } : fromApps,
      },
      ...(tls
        ? props.hosts.map((host): Listener => ({
            name: httpsListenerName(host),
            protocol: 'HTTPS',
            port: 443,
            hostname: host,
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: tlsSecretName(host) }] },
            allowedRoutes: fromApps,
          }))
        : []),
    ];
    const gateway: IGateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: componentLabels(props.name, 'gateway'),
        ...(tls ? { annotations: { 'cert-manager.io/cluster-issuer': props.clusterIssuer } } : {}),
      },
      spec: { gatewayClassName: props.className, listeners },
    };
    new ApiObject(this, 'gateway', gateway);
    this.listenerForRoutes = (host) => (tls ? httpsListenerName(host) : 'http');

    if (tls) {
      new ApiObject(this, 'https-redirect', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: {
          name: `${props.name}-https-redirect`,
          namespace: props.namespace,
          labels: componentLabels(`${props.name}-https-redirect`, 'gateway'),
        },
        spec: {
          parentRefs: [{ name: props.name, sectionName: 'http' }],
          hostnames: [...props.hosts],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      });
    }
  }
}
