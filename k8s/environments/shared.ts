import { type Environment } from './environment';

/**
 * What every environment has in common, so local.ts and production.ts state only how they differ:
 * the namespaces, the image repository and tag, the Gateway's class and place, the cluster ranges of
 * kubeadm and kind (set the cluster's own with --values), the receivers' Secret, the volume defaults.
 */
export const SHARED = {
  namespace: 'nest-apps',
  monitoringNamespace: 'monitoring',
  image: { repository: 'ghcr.io/nest-k8s-observability', tag: '0.1.0', pullPolicy: 'IfNotPresent', digests: {} },
  gateway: { className: 'nginx', name: 'public', namespace: 'gateway' },
  network: { podCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12' },
  alertingReceiversSecret: 'alertmanager-receivers',
  dataStores: { storageClass: null, staticVolumePath: null },
  monitoring: { enabled: true },
} as const satisfies {
  readonly namespace: Environment['namespace'];
  readonly monitoringNamespace: Environment['monitoringNamespace'];
  readonly image: Environment['image'];
  readonly gateway: Pick<Environment['gateway'], 'className' | 'name' | 'namespace'>;
  readonly network: Pick<Environment['network'], 'podCidr' | 'serviceCidr'>;
  readonly alertingReceiversSecret: Environment['alerting']['receiversSecret'];
  readonly dataStores: Pick<Environment['dataStores'], 'storageClass' | 'staticVolumePath'>;
  readonly monitoring: Environment['monitoring'];
};
