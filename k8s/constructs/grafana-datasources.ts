import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { componentLabels } from './labels';

export interface GrafanaDatasourcesProps {
  readonly namespace: string;
  readonly prometheusUrl: string;
  readonly lokiUrl: string;
  readonly tempoUrl: string;
  /**
   * Label (and value) the Grafana datasource sidecar looks for.
   * @default { grafana_datasource: '1' }
   */
  readonly sidecarLabel?: Readonly<Record<string, string>>;
  /**
   * Pattern whose first group is the trace id inside a log line.
   * @default matches `"traceId":"…"` and `"trace_id":"…"` in JSON logs
   */
  readonly traceIdPattern?: string;
}

/** Fixed uids, so the datasources can link to each other. */
export const DATASOURCE_UIDS = { prometheus: 'prometheus', loki: 'loki', tempo: 'tempo' } as const;

/**
 * Grafana datasources as a provisioning file the sidecar loads: Prometheus, Loki with a
 * derived field that opens a log line's trace in Tempo, and Tempo linking spans back to
 * their logs in Loki and to metrics in Prometheus.
 */
export class GrafanaDatasources extends Construct {
  constructor(scope: Construct, id: string, props: GrafanaDatasourcesProps) {
    super(scope, id);
    for (const prop of ['prometheusUrl', 'lokiUrl', 'tempoUrl'] as const) {
      if (!/^https?:\/\/[^\s/]+/.test(props[prop]))
        throw new Error(`${prop}: expected an http(s) URL, got "${props[prop]}"`);
    }
    const traceIdPattern = props.traceIdPattern ?? '"(?:traceId|trace_id)":"(\\w+)"';
    if (!/\(.+\)/.test(traceIdPattern)) throw new Error('traceIdPattern: needs a capture group for the trace id');

    const provisioning = {
      apiVersion: 1,
      datasources: [
        {
          name: 'Prometheus',
          uid: DATASOURCE_UIDS.prometheus,
          type: 'prometheus',
          access: 'proxy',
          url: props.prometheusUrl,
          isDefault: true,
        },
        {
          name: 'Loki',
          uid: DATASOURCE_UIDS.loki,
          type: 'loki',
          access: 'proxy',
          url: props.lokiUrl,
          jsonData: {
            derivedFields: [
              {
                name: 'TraceID',
                matcherRegex: traceIdPattern,
                datasourceUid: DATASOURCE_UIDS.tempo,
                // Grafana expands ${__value.raw}; "$$" keeps the provisioning file from expanding it first.
                url: '$${__value.raw}',
              },
            ],
          },
        },
        {
          name: 'Tempo',
          uid: DATASOURCE_UIDS.tempo,
          type: 'tempo',
          access: 'proxy',
          url: props.tempoUrl,
          jsonData: {
            tracesToLogsV2: {
              datasourceUid: DATASOURCE_UIDS.loki,
              filterByTraceID: true,
              spanStartTimeShift: '-5m',
              spanEndTimeShift: '5m',
            },
            serviceMap: { datasourceUid: DATASOURCE_UIDS.prometheus },
            lokiSearch: { datasourceUid: DATASOURCE_UIDS.loki },
          },
        },
      ],
    };
    new k8s.KubeConfigMap(this, 'config-map', {
      metadata: {
        name: 'grafana-datasources',
        namespace: props.namespace,
        labels: {
          ...componentLabels('grafana-datasources', 'monitoring'),
          ...(props.sidecarLabel ?? { grafana_datasource: '1' }),
        },
      },
      data: { 'datasources.yaml': stringify(provisioning) },
    });
  }
}
