import { type ContainerResources, resources } from './resources';

/** The part of the Tempo chart values this project sets: OTLP in, a few days kept. */
export interface TempoValues {
  readonly tempo: {
    readonly retention: string;
    /** No usage statistics sent to Grafana Labs. */
    readonly reportingEnabled: boolean;
    readonly resources: ContainerResources;
    /** OTLP only: `null` deletes the chart's default Jaeger and OpenCensus receivers from its values. */
    readonly receivers: {
      readonly jaeger: null;
      readonly opencensus: null;
      readonly otlp: {
        readonly protocols: {
          readonly grpc: { readonly endpoint: string };
          readonly http: { readonly endpoint: string };
        };
      };
    };
  };
  readonly persistence: { readonly enabled: boolean; readonly size: string };
}

export function tempoValues(options: { readonly storageSize: string }): TempoValues {
  return {
    tempo: {
      retention: '72h',
      reportingEnabled: false,
      resources: resources('100m', '256Mi', '1Gi'),
      receivers: {
        jaeger: null,
        opencensus: null,
        otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      },
    },
    persistence: { enabled: true, size: options.storageSize },
  };
}
