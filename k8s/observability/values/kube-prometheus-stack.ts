/** The part of the kube-prometheus-stack values this project sets. */
export interface KubePrometheusStackValues {
  readonly crds: { readonly enabled: boolean };
  readonly grafana: {
    readonly adminPassword?: string;
    readonly admin?: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
    readonly sidecar: {
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
    };
  };
}

export function kubePrometheusStackValues(options: {
  readonly grafanaAdminPassword?: string;
  readonly grafanaAdminSecret?: string;
}): KubePrometheusStackValues {
  return {
    crds: { enabled: true },
    grafana: {
      ...(options.grafanaAdminPassword !== undefined ? { adminPassword: options.grafanaAdminPassword } : {}),
      ...(options.grafanaAdminSecret !== undefined
        ? {
            admin: { existingSecret: options.grafanaAdminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
          }
        : {}),
      sidecar: {
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
      },
    },
  };
}
