import { Chart } from 'cdk8s';
import { type Construct } from 'constructs';
import { VendoredHelmChart } from '../constructs/vendored-helm-chart';
import { type Environment } from '../environments';
import { PINNED_CHARTS, type PinnedChart, pinnedChartDirectory, stackEndpoints } from '../observability/pinned-charts';
import { alloyValues } from '../observability/values/alloy';
import { kubePrometheusStackValues } from '../observability/values/kube-prometheus-stack';
import { lokiValues } from '../observability/values/loki';
import { tempoValues } from '../observability/values/tempo';
import { localCredential } from './local-credentials';

export interface ObservabilityStackProps {
  readonly env: Environment;
  /** Where `npm run charts:pull` unpacked the pinned charts. */
  readonly chartsCacheDirectory: string;
  readonly helmExecutable: string;
}

/** Secret (keys admin-user, admin-password) production Grafana reads its admin login from. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';

/**
 * Third-party charts of the observability stack, one chart file each, plus a `crds`
 * chart first: the CRDs must be established before anything uses them.
 */
export function addObservabilityStack(scope: Construct, props: ObservabilityStackProps): void {
  const { env } = props;
  const namespace = env.monitoringNamespace;
  const endpoints = stackEndpoints(namespace);
  const local = env.secrets === 'generated';
  const crds = new Chart(scope, 'crds');
  const release = (chart: PinnedChart, values: object, includeCrds = false) => {
    const target = new Chart(scope, chart.release);
    target.addDependency(crds);
    return new VendoredHelmChart(target, 'chart', {
      chartDirectory: pinnedChartDirectory(props.chartsCacheDirectory, chart),
      releaseName: chart.release,
      namespace,
      helmExecutable: props.helmExecutable,
      values: { ...values },
      includeCrds,
    });
  };

  const prometheusStack = release(
    PINNED_CHARTS.kubePrometheusStack,
    kubePrometheusStackValues(
      local ? { grafanaAdminPassword: localCredential('grafana') } : { grafanaAdminSecret: GRAFANA_ADMIN_SECRET },
    ),
    true,
  );
  prometheusStack.moveCrdsTo(crds);
  release(PINNED_CHARTS.loki, lokiValues({ storageSize: local ? '2Gi' : '50Gi' }));
  release(PINNED_CHARTS.alloy, alloyValues({ lokiUrl: endpoints.loki }));
  release(PINNED_CHARTS.tempo, tempoValues({ storageSize: local ? '2Gi' : '20Gi' }));
}

/** Whether every pinned chart has been pulled into the cache. */
export function pinnedChartsPresent(cacheDirectory: string, exists: (path: string) => boolean): boolean {
  return Object.values(PINNED_CHARTS).every((chart) =>
    exists(`${pinnedChartDirectory(cacheDirectory, chart)}/Chart.yaml`),
  );
}
