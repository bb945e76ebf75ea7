import { readFileSync } from 'node:fs';
import { ApiObject, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { type Construct } from 'constructs';
import { VendoredHelmChart } from '../constructs/vendored-helm-chart';
import { type Environment } from '../environments';
import {
  gatewayApiCrdsFile,
  PINNED_CHARTS,
  PLATFORM_CHARTS,
  PLATFORM_NAMESPACES,
  type PinnedChart,
  pinnedChartDirectory,
  stackEndpoints,
} from '../observability/pinned-charts';
import { certManagerValues } from '../observability/values/cert-manager';
import { gatewayControllerValues } from '../observability/values/gateway-controller';
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
 * Third-party charts, one chart file each: a `crds` chart first (the Gateway API CRDs and every
 * chart's own; they must be established before anything uses them), then the Gateway controller
 * and cert-manager, then the observability stack.
 */
export function addObservabilityStack(scope: Construct, props: ObservabilityStackProps): void {
  const { env } = props;
  const namespace = env.monitoringNamespace;
  const endpoints = stackEndpoints(namespace);
  const local = env.secrets === 'generated';
  const crds = new Chart(scope, 'crds');
  const gatewayApiCrds = readFileSync(gatewayApiCrdsFile(props.chartsCacheDirectory), 'utf8');
  parseAllDocuments(gatewayApiCrds)
    .map((document) => document.toJS() as { apiVersion: string; kind: string; metadata: { name: string } } | null)
    .filter((object) => object !== null)
    .forEach((object) => new ApiObject(crds, object.metadata.name, object));
  const release = (chart: PinnedChart, values: object, includeCrds = false, releaseNamespace = namespace) => {
    const target = new Chart(scope, chart.release);
    target.addDependency(crds);
    const rendered = new VendoredHelmChart(target, 'chart', {
      chartDirectory: pinnedChartDirectory(props.chartsCacheDirectory, chart),
      releaseName: chart.release,
      namespace: releaseNamespace,
      helmExecutable: props.helmExecutable,
      values: { ...values },
      includeCrds,
    });
    if (includeCrds) rendered.moveCrdsTo(crds);
    return rendered;
  };

  release(
    PLATFORM_CHARTS.gatewayController,
    gatewayControllerValues({ nodePort: env.gateway.nodePort }),
    true,
    PLATFORM_NAMESPACES.gatewayController,
  );
  if (env.gateway.tls) release(PLATFORM_CHARTS.certManager, certManagerValues(), true, PLATFORM_NAMESPACES.certManager);

  release(
    PINNED_CHARTS.kubePrometheusStack,
    kubePrometheusStackValues({
      ...(local ? { grafanaAdminPassword: localCredential('grafana') } : { grafanaAdminSecret: GRAFANA_ADMIN_SECRET }),
      alertmanagerConfigSecret: env.alerting.receiversSecret,
      prometheusStorageGi: local ? 5 : 50,
      alertmanagerStorage: local ? '1Gi' : '2Gi',
    }),
    true,
  );
  // Expected compressed log volume per day (docs/decisions/0063): retention follows from the volume.
  release(
    PINNED_CHARTS.loki,
    lokiValues(local ? { storageGi: 2, ingestGiPerDay: 0.2 } : { storageGi: 50, ingestGiPerDay: 5 }),
  );
  release(PINNED_CHARTS.alloy, alloyValues({ lokiUrl: endpoints.loki }));
  release(PINNED_CHARTS.tempo, tempoValues({ storageSize: local ? '2Gi' : '20Gi' }));
}

/** Whether every pinned chart and the Gateway API CRDs have been pulled into the cache. */
export function pinnedChartsPresent(cacheDirectory: string, exists: (path: string) => boolean): boolean {
  return (
    exists(gatewayApiCrdsFile(cacheDirectory)) &&
    [...Object.values(PLATFORM_CHARTS), ...Object.values(PINNED_CHARTS)].every((chart) =>
      exists(`${pinnedChartDirectory(cacheDirectory, chart)}/Chart.yaml`),
    )
  );
}
