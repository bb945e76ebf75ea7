import { type Environment } from './environment';

const small = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** A kind, k3d or minikube cluster on a workstation: everything in-cluster, small. */
export const local: Environment = {
  name: 'local',
  namespace: 'nest-apps',
  monitoringNamespace: 'monitoring',
  image: { repository: 'ghcr.io/nest-k8s-observability', tag: '0.1.0', pullPolicy: 'IfNotPresent', digests: {} },
  apps: {
    'sample-app': {
      replicas: 2,
      autoscaling: null,
      resources: small,
      host: 'sample-app.localtest.me',
      config: { LOG_LEVEL: 'debug' },
    },
    'llm-app': {
      replicas: 2,
      autoscaling: null,
      // Measured 237-266 MiB RSS (production.ts): a 256 Mi limit would kill it under load.
      resources: { requests: { cpu: '50m', memory: '320Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      host: 'llm-app.localtest.me',
      config: { LOG_LEVEL: 'debug' },
    },
  },
  gateway: { className: 'nginx', name: 'public', namespace: 'gateway', tls: null, nodePort: 30080 },
  // kubeadm's and kind's defaults; set the cluster's own ranges with --values.
  network: {
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/12',
    // kind's Docker network; the API server runs on the control-plane node (port 6443).
    nodeCidr: '172.18.0.0/16',
    apiServer: { cidr: '172.18.0.0/16', port: 6443 },
  },
  // A webhook sink in the monitoring namespace, whose log shows every delivered alert.
  alerting: { receiversSecret: 'alertmanager-receivers', egressCidr: null },
  dataStores: {
    postgres: { inCluster: true, externalCidr: '10.0.0.0/8' },
    redis: { inCluster: true, externalCidr: '10.0.0.0/8' },
    postgresStorage: '1Gi',
    storageClass: null,
    staticVolumePath: null,
  },
  llmUpstream: null,
  secrets: 'generated',
  monitoring: { enabled: true },
};
