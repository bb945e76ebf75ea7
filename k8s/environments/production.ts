import { type Environment } from './environment';
import { SHARED } from './shared';

const large = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

const autoscaling = { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 };

/**
 * llm-app measured in production mode with its heap flags (apps/llm-app/src/llm-app.node-options.ts,
 * docs/decisions/0126): about 200 MiB RSS idle, about 300 MiB after minutes at 50 connections, a V8 heap
 * with at most 256 MiB of old generation. Requests sit above the busy figure, so the HPA's
 * memory target (90 % of 384 Mi = 346 Mi) is reached by real growth, not by the idle footprint; the
 * limit leaves room for the whole heap V8 may take plus the process's memory outside it (~100 MiB).
 */
export const LLM_APP_RESOURCES = {
  requests: { cpu: '250m', memory: '384Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

/** A shared cluster: managed PostgreSQL and Redis outside it, autoscaled apps, real hosts. */
export const production: Environment = {
  name: 'production',
  namespace: SHARED.namespace,
  monitoringNamespace: SHARED.monitoringNamespace,
  image: SHARED.image,
  appDefaults: { replicas: 2, autoscaling, resources: large, config: {} },
  hostDomain: 'example.com',
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
      autoscaling: { ...autoscaling, memoryUtilization: 90 },
      resources: LLM_APP_RESOURCES,
      host: 'llm-app.example.com',
      config: {},
    },
  },
  gateway: { ...SHARED.gateway, tls: { clusterIssuer: 'letsencrypt-production' }, nodePort: null },
  network: {
    ...SHARED.network,
    nodeCidr: '10.0.0.0/16',
    // A managed control plane's endpoint: narrow it to your cluster's with --values.
    apiServer: { cidr: '10.0.0.0/16', port: 443 },
  },
  // Receivers (pager, chat) are outside the cluster, reached over HTTPS; the Secret is created out of band.
  alerting: { receiversSecret: SHARED.alertingReceiversSecret, egressCidr: '0.0.0.0/0' },
  dataStores: {
    ...SHARED.dataStores,
    // The managed stores' own subnets (set yours with --values); the cluster's ranges are excepted anyway.
    postgres: { inCluster: false, externalCidr: '10.20.0.0/24' },
    redis: { inCluster: false, externalCidr: '10.20.1.0/24' },
    postgresStorage: '20Gi',
  },
  // The public internet on 443: private ranges and link-local (cloud metadata, 169.254.169.254) excepted.
  llmUpstream: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'] },
  secrets: 'external',
  monitoring: SHARED.monitoring,
};
