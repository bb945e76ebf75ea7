import { type ContainerResources, resources, RUNTIME_DEFAULT_SECCOMP } from './resources';

/** The part of the Loki chart values this project sets: single binary, filesystem storage. */
export interface LokiValues {
  readonly deploymentMode: 'SingleBinary';
  readonly loki: {
    readonly auth_enabled: boolean;
    /** The compactor deletes chunks older than limits_config.retention_period. */
    readonly compactor: {
      readonly retention_enabled: boolean;
      readonly delete_request_store: 'filesystem';
      readonly compaction_interval: string;
      readonly retention_delete_delay: string;
    };
    readonly limits_config: { readonly retention_period: string };
    readonly analytics: { readonly reporting_enabled: boolean };
    /** Merged into the chart's pod context (its user 10001 stays): the restricted profile's seccomp. */
    readonly podSecurityContext: typeof RUNTIME_DEFAULT_SECCOMP;
    readonly commonConfig: { readonly replication_factor: number };
    readonly storage: { readonly type: 'filesystem' };
    readonly schemaConfig: {
      readonly configs: readonly {
        readonly from: string;
        readonly store: 'tsdb';
        readonly object_store: 'filesystem';
        readonly schema: 'v13';
        readonly index: { readonly prefix: string; readonly period: string };
      }[];
    };
  };
  readonly singleBinary: {
    readonly replicas: number;
    readonly persistence: { readonly size: string };
    readonly resources: ContainerResources;
  };
  readonly read: { readonly replicas: 0 };
  readonly write: { readonly replicas: 0 };
  readonly backend: { readonly replicas: 0 };
  readonly gateway: { readonly enabled: boolean };
  readonly chunksCache: { readonly enabled: boolean };
  readonly resultsCache: { readonly enabled: boolean };
  readonly lokiCanary: { readonly enabled: boolean };
  readonly test: { readonly enabled: boolean };
  readonly minio: { readonly enabled: boolean };
  /** No Loki rules ship with this project: the rules sidecar (which the chart runs without resources) is off. */
  readonly sidecar: { readonly rules: { readonly enabled: boolean } };
}

/**
 * Days of logs a volume holds: the expected compressed ingest per day, with 30 % of the volume
 * kept free for the index, the compactor's work and bursts (ingestion stops on a full volume).
 */
export function lokiRetentionHours(volumeGi: number, ingestGiPerDay: number): number {
  return Math.max(24, Math.floor((volumeGi * 0.7) / ingestGiPerDay) * 24);
}

export function lokiValues(options: { readonly storageGi: number; readonly ingestGiPerDay: number }): LokiValues {
  return {
    deploymentMode: 'SingleBinary',
    loki: {
      auth_enabled: false,
      compactor: {
        retention_enabled: true,
        delete_request_store: 'filesystem',
        compaction_interval: '10m',
        retention_delete_delay: '2h',
      },
      limits_config: { retention_period: `${lokiRetentionHours(options.storageGi, options.ingestGiPerDay)}h` },
      analytics: { reporting_enabled: false },
      podSecurityContext: RUNTIME_DEFAULT_SECCOMP,
      commonConfig: { replication_factor: 1 },
      storage: { type: 'filesystem' },
      schemaConfig: {
        configs: [
          {
            from: '2025-01-01',
            store: 'tsdb',
            object_store: 'filesystem',
            schema: 'v13',
            index: { prefix: 'loki_index_', period: '24h' },
          },
        ],
      },
    },
    singleBinary: {
      replicas: 1,
      persistence: { size: `${options.storageGi}Gi` },
      resources: resources('100m', '256Mi', '1Gi'),
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    gateway: { enabled: false },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    minio: { enabled: false },
    sidecar: { rules: { enabled: false } },
  };
}
