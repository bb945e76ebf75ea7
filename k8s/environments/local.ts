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
  image: { repository: 'ghcr.io/nest-k8s-observability', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
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
      resources: small,
      host: 'llm-app.localtest.me',
      config: { LOG_LEVEL: 'debug' },
    },
  },
  ingress: { className: 'nginx', controllerNamespace: 'ingress-nginx' },
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
