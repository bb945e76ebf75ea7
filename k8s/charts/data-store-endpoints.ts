import { type EgressTarget } from '../constructs/network-peers';
import { selectorLabels } from '../constructs/labels';
import { type Environment } from '../environments';
import { localCredential } from './local-credentials';
import { serviceHost } from '../constructs/cluster-dns';

/** Same images as docker-compose.yml, pinned by exact version. */
export const POSTGRES_IMAGE = 'postgres:17.6-alpine';
export const REDIS_IMAGE = 'redis:7.4.5-alpine';

/** Users the alpine images create: postgres is 70, redis is 999. */
export const POSTGRES_USER_ID = 70;
export const REDIS_USER_ID = 999;

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
export const POSTGRES_DATABASE = 'app';
export const POSTGRES_ROLE = 'app';

/** Where an app reaches one data store: in the cluster (pod labels and a URL) or outside (a CIDR). */
export interface DataStoreEndpoint {
  readonly egress: EgressTarget;
  /** The connection URL with generated local credentials; undefined for an external store. */
  readonly localUrl?: string;
}

function host(env: Environment, name: string): string {
  return serviceHost(name, env.namespace);
}

export function postgresEndpoint(env: Environment): DataStoreEndpoint {
  const store = env.dataStores.postgres;
  if (!store.inCluster) return { egress: { name: 'postgres', cidr: store.externalCidr, port: POSTGRES_PORT } };
  return {
    egress: { name: 'postgres', podLabels: selectorLabels('postgres'), port: POSTGRES_PORT },
    localUrl: `postgres://${POSTGRES_ROLE}:${localCredential('postgres')}@${host(env, 'postgres')}:${POSTGRES_PORT}/${POSTGRES_DATABASE}`,
  };
}

export function redisEndpoint(env: Environment): DataStoreEndpoint {
  const store = env.dataStores.redis;
  if (!store.inCluster) return { egress: { name: 'redis', cidr: store.externalCidr, port: REDIS_PORT } };
  return {
    egress: { name: 'redis', podLabels: selectorLabels('redis'), port: REDIS_PORT },
    localUrl: `redis://:${localCredential('redis')}@${host(env, 'redis')}:${REDIS_PORT}`,
  };
}
