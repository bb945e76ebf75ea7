/** The part of the Loki chart values this project sets: single binary, filesystem storage. */
export interface LokiValues {
  readonly deploymentMode: 'SingleBinary';
  readonly loki: {
    readonly auth_enabled: boolean;
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
  readonly singleBinary: { readonly replicas: number; readonly persistence: { readonly size: string } };
  readonly read: { readonly replicas: 0 };
  readonly write: { readonly replicas: 0 };
  readonly backend: { readonly replicas: 0 };
  readonly gateway: { readonly enabled: boolean };
  readonly chunksCache: { readonly enabled: boolean };
  readonly resultsCache: { readonly enabled: boolean };
  readonly lokiCanary: { readonly enabled: boolean };
  readonly test: { readonly enabled: boolean };
  readonly minio: { readonly enabled: boolean };
}

export function lokiValues(options: { readonly storageSize: string }): LokiValues {
  return {
    deploymentMode: 'SingleBinary',
    loki: {
      auth_enabled: false,
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
    singleBinary: { replicas: 1, persistence: { size: options.storageSize } },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    gateway: { enabled: false },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    minio: { enabled: false },
  };
}
