/** The part of the NGINX Gateway Fabric chart values this project sets. */
export interface GatewayControllerValues {
  readonly nginxGateway: {
    readonly gatewayClassName: string;
    /** No product telemetry sent home. */
    readonly productTelemetry: { readonly enable: boolean };
    readonly resources: ContainerResources;
  };
  readonly nginx: {
    readonly service:
      | { readonly type: 'LoadBalancer' }
      | {
          readonly type: 'NodePort';
          readonly nodePorts: readonly { readonly port: number; readonly listenerPort: number }[];
        };
    readonly container: { readonly resources: ContainerResources };
  };
}

import { type ContainerResources, resources } from './resources';

/**
 * The controller and the NGINX proxies it provisions per Gateway: a LoadBalancer in a real
 * cluster, a fixed NodePort on kind (deploy/kind/cluster.yaml forwards the host's port 80 to it).
 */
export function gatewayControllerValues(options: { readonly nodePort: number | null }): GatewayControllerValues {
  return {
    nginxGateway: {
      gatewayClassName: 'nginx',
      productTelemetry: { enable: false },
      resources: resources('50m', '64Mi', '256Mi'),
    },
    nginx: {
      service:
        options.nodePort === null
          ? { type: 'LoadBalancer' }
          : { type: 'NodePort', nodePorts: [{ port: options.nodePort, listenerPort: 80 }] },
      container: { resources: resources('100m', '64Mi', '256Mi') },
    },
  };
}
