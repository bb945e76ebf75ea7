import { type Environment } from './environment';

const large = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

const autoscaling = { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 };

/** A shared cluster: managed PostgreSQL and Redis outside it, autoscaled apps, real hosts. */
export const production: Environment = {
  name: 'production',
  namespace: 'nest-apps',
  monitoringNamespace: 'monitoring',
  image: { repository: 'ghcr.io/nest-k8s-observability', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
  apps: {
    'sample-app': {
      replicas: 2,
      autoscaling,
      resources: large,
      host: 'sample-app.example.com',
      config: {},
    },
    'llm-app': {
      replicas: 2,
      autoscaling,
      resources: large,
      host: 'llm-app.example.com',
      config: {},
    },
  },
  ingress: { className: 'nginx', controllerNamespace: 'ingress-nginx' },
  dataStores: {
    postgres: { inCluster: false, externalCidr: '10.0.0.0/8' },
    redis: { inCluster: false, externalCidr: '10.0.0.0/8' },
    postgresStorage: '20Gi',
    storageClass: null,
    staticVolumePath: null,
  },
  llmUpstream: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
  secrets: 'external',
  monitoring: { enabled: true },
};
