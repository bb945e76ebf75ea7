import { join } from 'node:path';
import { serviceHost } from '../constructs/cluster-dns';

/** A third-party Helm chart, pinned by exact version. */
export interface PinnedChart {
  readonly name: string;
  /** A classic chart repository (`https://…`) or an OCI registry path (`oci://…/<name>`). */
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

/**
 * The platform controllers the apps' entry point needs (docs/decisions/0060): NGINX Gateway Fabric
 * implements the Gateway API, cert-manager issues the production listeners' certificates.
 */
export const PLATFORM_CHARTS = {
  gatewayController: {
    name: 'nginx-gateway-fabric',
    repository: 'oci://ghcr.io/nginx/charts/nginx-gateway-fabric',
    version: '2.2.1',
    release: 'ngf',
  },
  certManager: {
    name: 'cert-manager',
    repository: 'https://charts.jetstack.io',
    version: 'v1.19.1',
    release: 'cert-manager',
  },
} as const satisfies Record<string, PinnedChart>;

/** Namespaces the platform controllers run in. */
export const PLATFORM_NAMESPACES = { gatewayController: 'nginx-gateway', certManager: 'cert-manager' } as const;

/**
 * The Gateway API CRDs (standard channel), which no chart ships: `npm run charts:pull` fetches the
 * release's install file into the cache and synth writes it into the vendor output's CRD file.
 */
export const GATEWAY_API_CRDS = {
  version: 'v1.4.0',
  url: 'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.4.0/standard-install.yaml',
} as const;

/** Where `npm run charts:pull` unpacks a chart: `<cache>/<name>-<version>/<name>/Chart.yaml`. */
export function pinnedChartDirectory(cacheDirectory: string, chart: PinnedChart): string {
  return join(cacheDirectory, `${chart.name}-${chart.version}`, chart.name);
}

/** Where `npm run charts:pull` keeps the Gateway API CRDs. */
export function gatewayApiCrdsFile(cacheDirectory: string): string {
  return join(cacheDirectory, `gateway-api-${GATEWAY_API_CRDS.version}`, 'standard-install.yaml');
}

/** The OTLP/HTTP port of Tempo's distributor, where the apps send their spans. */
export const TEMPO_OTLP_HTTP_PORT = 4318;

/** In-cluster addresses of the stack's Services, derived from the release names. */
export function stackEndpoints(namespace: string) {
  const host = (service: string) => serviceHost(service, namespace);
  return {
    prometheus: `http://${host(`${PINNED_CHARTS.kubePrometheusStack.release}-prometheus`)}:9090`,
    alertmanager: `http://${host(`${PINNED_CHARTS.kubePrometheusStack.release}-alertmanager`)}:9093`,
    loki: `http://${host(PINNED_CHARTS.loki.release)}:3100`,
    tempo: `http://${host(PINNED_CHARTS.tempo.release)}:3200`,
    tempoOtlpHttp: `http://${host(PINNED_CHARTS.tempo.release)}:${TEMPO_OTLP_HTTP_PORT}`,
  };
}
