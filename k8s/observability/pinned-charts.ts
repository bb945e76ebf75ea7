import { join } from 'node:path';

/** A third-party Helm chart, pinned by exact version. */
export interface PinnedChart {
  readonly name: string;
  readonly repository: string;
  readonly version: string;
  /** Release name: prefixes the chart's object and Service names. */
  readonly release: string;
}

const PROMETHEUS_COMMUNITY = 'https://prometheus-community.github.io/helm-charts';
const GRAFANA = 'https://grafana.github.io/helm-charts';

/** Every third-party chart of the observability stack: the one place versions change. */
export const PINNED_CHARTS = {
  kubePrometheusStack: {
    name: 'kube-prometheus-stack',
    repository: PROMETHEUS_COMMUNITY,
    version: '78.5.0',
    release: 'kube-prometheus-stack',
  },
  loki: { name: 'loki', repository: GRAFANA, version: '6.34.0', release: 'loki' },
  // Alloy collects the pod logs: it succeeds Promtail, which reached end of life on 2026-03-02.
  alloy: { name: 'alloy', repository: GRAFANA, version: '1.5.1', release: 'alloy' },
  tempo: { name: 'tempo', repository: GRAFANA, version: '1.23.3', release: 'tempo' },
} as const satisfies Record<string, PinnedChart>;

/** Where `npm run charts:pull` unpacks a chart: `<cache>/<name>-<version>/<name>/Chart.yaml`. */
export function pinnedChartDirectory(cacheDirectory: string, chart: PinnedChart): string {
  return join(cacheDirectory, `${chart.name}-${chart.version}`, chart.name);
}

/** In-cluster addresses of the stack's Services, derived from the release names. */
export function stackEndpoints(namespace: string) {
  const host = (service: string) => `${service}.${namespace}.svc.cluster.local`;
  return {
    prometheus: `http://${host(`${PINNED_CHARTS.kubePrometheusStack.release}-prometheus`)}:9090`,
    alertmanager: `http://${host(`${PINNED_CHARTS.kubePrometheusStack.release}-alertmanager`)}:9093`,
    loki: `http://${host(PINNED_CHARTS.loki.release)}:3100`,
    tempo: `http://${host(PINNED_CHARTS.tempo.release)}:3200`,
  };
}
