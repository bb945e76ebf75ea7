import { k8s } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { type AppEntry } from '../../apps/registry';
import { DataStore } from '../constructs/data-store';
import { componentLabels, selectorLabels } from '../constructs/labels';
import { type Environment } from '../environments';
import {
  POSTGRES_DATABASE,
  POSTGRES_IMAGE,
  POSTGRES_PORT,
  POSTGRES_ROLE,
  POSTGRES_USER_ID,
  REDIS_IMAGE,
  REDIS_PORT,
  REDIS_USER_ID,
} from './data-store-endpoints';
import { localCredential } from './local-credentials';
import { ProjectChart } from './project-chart';

const POSTGRES_DATA = '/var/lib/postgresql/data';

export interface DataStoresChartProps {
  readonly env: Environment;
  /** The apps: each store admits exactly those that need it (the same facts their egress is built from). */
  readonly apps: readonly AppEntry[];
}

/** PostgreSQL and Redis inside the cluster, for environments without managed ones. */
export class DataStoresChart extends ProjectChart {
  constructor(scope: Construct, id: string, props: DataStoresChartProps) {
    super(scope, id);
    const { env, apps } = props;
    const clientsWhere = (needs: (entry: AppEntry) => boolean) =>
      apps.filter(needs).map((entry) => selectorLabels(entry.identity.name));
    const stores = env.dataStores;
    const storageClassName = stores.storageClass?.name;
    if (stores.storageClass) {
      new k8s.KubeStorageClass(this, 'storage-class', {
        metadata: { name: stores.storageClass.name, labels: componentLabels(stores.storageClass.name, 'storage') },
        provisioner: stores.storageClass.provisioner,
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
      });
    }

    if (stores.postgres.inCluster) {
      if (stores.staticVolumePath !== null) {
        // A pre-created volume, bound to the claim the StatefulSet's first pod makes.
        new k8s.KubePersistentVolume(this, 'postgres-volume', {
          metadata: { name: 'postgres-data', labels: componentLabels('postgres', 'database') },
          spec: {
            capacity: { storage: k8s.Quantity.fromString(stores.postgresStorage) },
            accessModes: ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName: storageClassName ?? '',
            hostPath: { path: stores.staticVolumePath, type: 'DirectoryOrCreate' },
            claimRef: { namespace: env.namespace, name: 'data-postgres-0' },
          },
        });
      }
      new DataStore(this, 'postgres', {
        name: 'postgres',
        namespace: env.namespace,
        image: POSTGRES_IMAGE,
        port: POSTGRES_PORT,
        userId: POSTGRES_USER_ID,
        component: 'database',
        dataPath: POSTGRES_DATA,
        clients: clientsWhere((entry) => entry.identity.usesDatabase),
        probeCommand: ['pg_isready', '-h', '127.0.0.1', '-U', POSTGRES_ROLE, '-d', POSTGRES_DATABASE],
        // A subdirectory: the volume root may hold lost+found, which initdb refuses.
        env: { PGDATA: `${POSTGRES_DATA}/pgdata`, POSTGRES_USER: POSTGRES_ROLE, POSTGRES_DB: POSTGRES_DATABASE },
        credentials: { POSTGRES_PASSWORD: localCredential('postgres') },
        storage: {
          size: stores.postgresStorage,
          storageClassName: stores.staticVolumePath !== null ? (storageClassName ?? '') : storageClassName,
        },
        writablePaths: ['/tmp', '/var/run/postgresql'],
      });
    }

    if (stores.redis.inCluster) {
      new DataStore(this, 'redis', {
        name: 'redis',
        namespace: env.namespace,
        image: REDIS_IMAGE,
        port: REDIS_PORT,
        userId: REDIS_USER_ID,
        component: 'cache',
        dataPath: '/data',
        clients: clientsWhere((entry) => entry.cache),
        // A cache: nothing to persist (as in docker-compose.yml). Kubernetes expands $(VAR).
        args: ['--save', '', '--appendonly', 'no', '--requirepass', '$(REDIS_PASSWORD)'],
        // redis-cli reads its password from REDISCLI_AUTH.
        probeCommand: ['redis-cli', 'ping'],
        credentials: { REDIS_PASSWORD: localCredential('redis'), REDISCLI_AUTH: localCredential('redis') },
      });
    }
  }
}
