import { stringify } from 'yaml';
import { TEMPO_OTLP_HTTP_PORT } from '../pinned-charts';
import {
  type ContainerResources,
  type HardenedContainerContext,
  hardenedContainer,
  resources,
  RUNTIME_DEFAULT_SECCOMP,
} from './resources';

const TEMPO_OTLP_GRPC_PORT = 4317;
/** Tempo's HTTP API (queries from Grafana, the probes, its own metrics): the chart's port. */
const TEMPO_HTTP_PORT = 3200;
const RETENTION = '72h';

/** A Jaeger protocol of the chart's defaults with its endpoint removed: the Service gets no port for it. */
type RemovedProtocol = { readonly endpoint: null };

/** The part of the Tempo chart values this project sets: OTLP in, a few days kept. */
export interface TempoValues {
  /**
   * Tempo's configuration file, written by this project rather than the chart's template: the chart
   * (1.23.x) renders `tempo.receivers` verbatim into it, and a Jaeger receiver cannot be removed from
   * there without breaking the chart's Service template, which dereferences `receivers.jaeger.protocols`.
   */
  readonly config: string;
  readonly tempo: {
    readonly retention: string;
    /** No usage statistics sent to Grafana Labs (also said in `config`). */
    readonly reportingEnabled: boolean;
    readonly resources: ContainerResources;
    /** The chart leaves it empty; Tempo writes only to its volume and /tmp (both mounted). */
    readonly securityContext: HardenedContainerContext;
    /**
     * Only what the chart's Service template reads: the OTLP ports stay, every Jaeger endpoint is
     * removed (so the Service exposes no Jaeger port), OpenCensus is deleted. `config` is what Tempo runs.
     */
    readonly receivers: {
      readonly jaeger: {
        readonly protocols: {
          readonly grpc: RemovedProtocol;
          readonly thrift_binary: RemovedProtocol;
          readonly thrift_compact: RemovedProtocol;
          readonly thrift_http: RemovedProtocol;
        };
      };
      readonly opencensus: null;
      readonly otlp: {
        readonly protocols: {
          readonly grpc: { readonly endpoint: string };
          readonly http: { readonly endpoint: string };
        };
      };
    };
  };
  /** Merged into the chart's pod context (its user 10001 and fsGroup stay). */
  readonly securityContext: typeof RUNTIME_DEFAULT_SECCOMP;
  readonly persistence: { readonly enabled: boolean; readonly size: string };
}

const otlpProtocols = {
  grpc: { endpoint: `0.0.0.0:${TEMPO_OTLP_GRPC_PORT}` },
  http: { endpoint: `0.0.0.0:${TEMPO_OTLP_HTTP_PORT}` },
};

/** Tempo in one process: OTLP receivers only, blocks on the chart's persistent volume at /var/tempo. */
export function tempoConfig(): string {
  return stringify({
    usage_report: { reporting_enabled: false },
    multitenancy_enabled: false,
    server: { http_listen_port: TEMPO_HTTP_PORT },
    distributor: { receivers: { otlp: { protocols: otlpProtocols } } },
    compactor: { compaction: { block_retention: RETENTION } },
    storage: {
      trace: { backend: 'local', local: { path: '/var/tempo/traces' }, wal: { path: '/var/tempo/wal' } },
    },
  });
}

export function tempoValues(options: { readonly storageSize: string }): TempoValues {
  const removed: RemovedProtocol = { endpoint: null };
  return {
    config: tempoConfig(),
    tempo: {
      retention: RETENTION,
      reportingEnabled: false,
      resources: resources('100m', '256Mi', '1Gi'),
      securityContext: hardenedContainer({ readOnlyRootFilesystem: true }),
      receivers: {
        jaeger: { protocols: { grpc: removed, thrift_binary: removed, thrift_compact: removed, thrift_http: removed } },
        opencensus: null,
        otlp: { protocols: otlpProtocols },
      },
    },
    securityContext: RUNTIME_DEFAULT_SECCOMP,
    persistence: { enabled: true, size: options.storageSize },
  };
}
