import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute' with {
  'resolution-mode': 'import',
};
import { componentLabels } from './labels';

export interface AppRouteProps {
  /** The app: names the route. */
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  /** The Gateway and the listener (sectionName) the route attaches to. */
  readonly gateway: { readonly name: string; readonly namespace: string; readonly listener: string };
  /** The app's Service and port. */
  readonly service: { readonly name: string; readonly port: number };
  /**
   * Paths routed to the app; `/` is matched exactly, any other path as a prefix.
   * Never `/metrics`, `/health` or `/ready`: they stay inside the cluster.
   */
  readonly paths: readonly string[];
}

/** Paths only the cluster may reach: probes and Prometheus talk to the pods directly. */
export const PRIVATE_PATHS = ['/metrics', '/health', '/ready'] as const;

/**
 * The public paths of one app as a Gateway API HTTPRoute: a path allow-list, which every
 * conformant controller implements the same way (Exact and PathPrefix are core features).
 */
export class AppRoute extends Construct {
  constructor(scope: Construct, id: string, props: AppRouteProps) {
    super(scope, id);
    if (props.paths.length === 0) throw new Error('paths: must not be empty');
    for (const path of props.paths) {
      if (!path.startsWith('/') || (path !== '/' && path.endsWith('/'))) {
        throw new Error(`paths: "${path}" must start with "/" and not end with one`);
      }
      const exposed = PRIVATE_PATHS.find((privatePath) => path === privatePath || path.startsWith(`${privatePath}/`));
      if (exposed) throw new Error(`paths: "${path}" would expose ${exposed} outside the cluster`);
    }
    const route: IHTTPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: props.name, namespace: props.namespace, labels: componentLabels(props.name, 'server') },
      spec: {
        parentRefs: [
          { name: props.gateway.name, namespace: props.gateway.namespace, sectionName: props.gateway.listener },
        ],
        hostnames: [props.host],
        rules: [
          {
            // Exact "/" (not a prefix): a prefix "/" would also route /metrics.
            matches: props.paths.map((path) => ({
              path: { type: path === '/' ? ('Exact' as const) : ('PathPrefix' as const), value: path },
            })),
            backendRefs: [{ name: props.service.name, port: props.service.port }],
          },
        ],
      },
    };
    new ApiObject(this, 'route', route);
  }
}
