/** The part of the Tempo chart values this project sets: OTLP in, a few days kept. */
export interface TempoValues {
  readonly tempo: {
    readonly retention: string;
    readonly receivers: {
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
      receivers: {
        otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      },
    },
    persistence: { enabled: true, size: options.storageSize },
  };
}
