import { type Environment } from './environment';
import { SHARED } from './shared';

const small = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** A kind, k3d or minikube cluster on a workstation: everything in-cluster, small. */
export const local: Environment = {
  name: 'local',
  namespace: SHARED.namespace,
  monitoringNamespace: SHARED.monitoringNamespace,
  image: SHARED.image,
  appDefaults: { replicas: 2, autoscaling: null, resources: small, config: { LOG_LEVEL: 'debug' } },
  hostDomain: 'localtest.me',
  apps: {
    'sample-app': {
      replicas: 2,
      autoscaling: null,
      // With its 16 MB semi-spaces (decision 0150) sample-app measured ~205 MB RSS after load under a
      // 512 Mi limit: 256 Mi would leave it no room.
      resources: { requests: small.requests, limits: { cpu: '500m', memory: '384Mi' } },
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
  gateway: { ...SHARED.gateway, tls: null, nodePort: 30080 },
  network: {
    ...SHARED.network,
    // kind's Docker network; the API server runs on the control-plane node (port 6443).
    nodeCidr: '172.18.0.0/16',
    apiServer: { cidr: '172.18.0.0/16', port: 6443 },
  },
  // A webhook sink in the monitoring namespace, whose log shows every delivered alert.
  alerting: { receiversSecret: SHARED.alertingReceiversSecret, egressCidr: null },
  dataStores: {
    ...SHARED.dataStores,
    postgres: { inCluster: true, externalCidr: '10.0.0.0/8' },
    redis: { inCluster: true, externalCidr: '10.0.0.0/8' },
    postgresStorage: '1Gi',
  },
  llmUpstream: null,
  secrets: 'generated',
  monitoring: SHARED.monitoring,
};
