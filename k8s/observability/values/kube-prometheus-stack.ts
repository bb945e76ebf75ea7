import {
  claim,
  type ContainerResources,
  type HardenedContainerContext,
  hardenedContainer,
  resources,
} from './resources';

/** The part of the kube-prometheus-stack values this project sets. */
export interface KubePrometheusStackValues {
  readonly crds: { readonly enabled: boolean };
  readonly grafana: {
    readonly adminPassword?: string;
    readonly admin?: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
    readonly resources: ContainerResources;
    readonly testFramework: { readonly enabled: boolean };
    readonly 'grafana.ini': {
      readonly analytics: { readonly reporting_enabled: boolean; readonly check_for_updates: boolean };
    };
    readonly sidecar: {
      readonly resources: ContainerResources;
      readonly dashboards: { readonly enabled: boolean; readonly label: string; readonly labelValue: string };
      readonly datasources: {
        readonly enabled: boolean;
        readonly defaultDatasourceEnabled: boolean;
        readonly label: string;
        readonly labelValue: string;
      };
    };
  };
  readonly prometheus: {
    readonly prometheusSpec: {
      readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
      readonly podMonitorSelectorNilUsesHelmValues: boolean;
      readonly ruleSelectorNilUsesHelmValues: boolean;
      readonly retention: string;
      /** Oldest blocks go first once the TSDB reaches this, before the volume fills. */
      readonly retentionSize: string;
      readonly storageSpec: ReturnType<typeof claim>;
      readonly resources: ContainerResources;
    };
  };
  readonly alertmanager: {
    readonly alertmanagerSpec: {
      /** Secret holding `alertmanager.yaml` (receivers, routes, inhibitions); the chart writes none. */
      readonly configSecret: string;
      readonly storage: ReturnType<typeof claim>;
      readonly resources: ContainerResources;
    };
  };
  readonly prometheusOperator: {
    readonly resources: ContainerResources;
    /**
     * No admission webhooks: their certificates come from Helm hook Jobs, which `kubectl apply`
     * of rendered output never runs (synth leaves hooks out); PrometheusRules are checked by
     * promtool in CI instead.
     */
    readonly admissionWebhooks: { readonly enabled: boolean };
    readonly tls: { readonly enabled: boolean };
    readonly prometheusConfigReloader: { readonly resources: ContainerResources };
  };
  readonly 'kube-state-metrics': { readonly resources: ContainerResources };
  /** Host network, PID and paths are what a node exporter is for; escalation and capabilities are not. */
  readonly 'prometheus-node-exporter': {
    readonly resources: ContainerResources;
    readonly containerSecurityContext: HardenedContainerContext;
  };
}

export interface KubePrometheusStackOptions {
  readonly grafanaAdminPassword?: string;
  readonly grafanaAdminSecret?: string;
  readonly alertmanagerConfigSecret: string;
  /** Prometheus's volume; retentionSize keeps the TSDB at 80 % of it. */
  readonly prometheusStorageGi: number;
  readonly alertmanagerStorage: string;
}

export function kubePrometheusStackValues(options: KubePrometheusStackOptions): KubePrometheusStackValues {
  return {
    crds: { enabled: true },
    grafana: {
      ...(options.grafanaAdminPassword !== undefined ? { adminPassword: options.grafanaAdminPassword } : {}),
      ...(options.grafanaAdminSecret !== undefined
        ? {
            admin: { existingSecret: options.grafanaAdminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
          }
        : {}),
      resources: resources('100m', '256Mi', '512Mi'),
      testFramework: { enabled: false },
      'grafana.ini': { analytics: { reporting_enabled: false, check_for_updates: false } },
      sidecar: {
        resources: resources('20m', '64Mi', '128Mi'),
        dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1' },
        // The project's datasources ConfigMap declares Prometheus too, with the uid the others link to.
        datasources: { enabled: true, defaultDatasourceEnabled: false, label: 'grafana_datasource', labelValue: '1' },
      },
    },
    prometheus: {
      prometheusSpec: {
        // Select the project's ServiceMonitors and PrometheusRules, which carry no "release" label.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        retention: '7d',
        retentionSize: `${Math.floor(options.prometheusStorageGi * 0.8)}GB`,
        storageSpec: claim(`${options.prometheusStorageGi}Gi`),
        resources: resources('200m', '1Gi', '2Gi'),
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        configSecret: options.alertmanagerConfigSecret,
        storage: claim(options.alertmanagerStorage),
        resources: resources('20m', '64Mi', '128Mi'),
      },
    },
    prometheusOperator: {
      resources: resources('50m', '128Mi', '256Mi'),
      admissionWebhooks: { enabled: false },
      tls: { enabled: false },
      prometheusConfigReloader: { resources: resources('10m', '32Mi', '64Mi') },
    },
    'kube-state-metrics': { resources: resources('20m', '64Mi', '256Mi') },
    'prometheus-node-exporter': {
      resources: resources('20m', '32Mi', '64Mi'),
      containerSecurityContext: hardenedContainer({ readOnlyRootFilesystem: true }),
    },
  };
}
