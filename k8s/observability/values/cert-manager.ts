import { type ContainerResources, resources } from './resources';

/** The part of the cert-manager chart values this project sets. */
export interface CertManagerValues {
  readonly crds: { readonly enabled: boolean; readonly keep: boolean };
  /** Certificates for Gateway listeners from their `cert-manager.io/cluster-issuer` annotation. */
  readonly config: {
    readonly apiVersion: 'controller.config.cert-manager.io/v1alpha1';
    readonly kind: 'ControllerConfiguration';
    readonly enableGatewayAPI: boolean;
  };
  readonly resources: ContainerResources;
  readonly webhook: { readonly resources: ContainerResources };
  readonly cainjector: { readonly resources: ContainerResources };
  /** The post-install API check is a Helm hook Job; synth leaves hooks out anyway. */
  readonly startupapicheck: { readonly enabled: boolean };
}

export function certManagerValues(): CertManagerValues {
  const small = resources('20m', '64Mi', '256Mi');
  return {
    crds: { enabled: true, keep: true },
    config: {
      apiVersion: 'controller.config.cert-manager.io/v1alpha1',
      kind: 'ControllerConfiguration',
      enableGatewayAPI: true,
    },
    resources: small,
    webhook: { resources: small },
    cainjector: { resources: small },
    startupapicheck: { enabled: false },
  };
}
