import { App, YamlOutputType } from 'cdk8s';
import { APPS, type AppEntry } from '../../apps/registry';
import { AlertingChart } from '../charts/alerting-chart';
import { DataStoresChart } from '../charts/data-stores-chart';
import { GatewayChart } from '../charts/gateway-chart';
import { MonitoringChart } from '../charts/monitoring-chart';
import { MonitoringNetworkChart } from '../charts/monitoring-network-chart';
import { NamespacesChart } from '../charts/namespaces-chart';
import { NestAppChart } from '../charts/nest-app-chart';
import { addObservabilityStack } from '../charts/observability-stack';
import { type Environment } from '../environments';

export interface OutputDirectories {
  /** The project's objects, applied with plain `kubectl apply`. */
  readonly project: string;
  /** The project's monitoring objects, applied once the stack's CRDs exist. */
  readonly monitoring: string;
  /** Third-party charts; undefined when they are not rendered. */
  readonly vendor?: string;
}

export interface EnvironmentApps {
  readonly project: App;
  readonly monitoring?: App;
  readonly vendor?: App;
}

export interface BuildOptions {
  readonly outdirs: OutputDirectories;
  readonly artifactsDirectory: string;
  readonly chartsCacheDirectory: string;
  readonly helmExecutable: string;
}

const app = (outdir: string) =>
  new App({ outdir, outputFileExtension: '.k8s.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });

/**
 * Every chart of one environment, in apply order (file names are numbered by dependency), for the
 * apps of the registry (apps/registry.ts; a test passes its own list with a fixture app added).
 */
export function buildEnvironment(
  env: Environment,
  options: BuildOptions,
  apps: readonly AppEntry[] = APPS,
): EnvironmentApps {
  const project = app(options.outdirs.project);
  // Charts and lists in name order, so the output does not depend on the registry's order.
  const byName = [...apps].sort((a, b) => a.identity.name.localeCompare(b.identity.name));
  const ports = byName.map(({ identity }) => ({ name: identity.name, port: identity.defaultPort }));
  const namespaces = new NamespacesChart(project, 'namespaces', env);
  if (env.dataStores.postgres.inCluster || env.dataStores.redis.inCluster) {
    new DataStoresChart(project, 'data-stores', { env, apps }).addDependency(namespaces);
  }
  new GatewayChart(project, 'gateway', {
    env,
    apps: ports.filter(({ name }) =>
      byName.some((entry) => entry.identity.name === name && entry.publicPaths.length > 0),
    ),
  }).addDependency(namespaces);
  const appCharts = byName.map((entry) => {
    const chart = new NestAppChart(project, entry.identity.name, { env, entry, apps });
    chart.addDependency(namespaces);
    return chart;
  });
  if (env.monitoring.enabled) {
    const network = new MonitoringNetworkChart(project, 'monitoring-network', { env, apps: ports });
    for (const chart of appCharts) network.addDependency(chart);
    if (env.alerting.egressCidr === null) new AlertingChart(project, 'alerting', env).addDependency(namespaces);
  }

  if (!env.monitoring.enabled) return { project };
  const monitoring = app(options.outdirs.monitoring);
  new MonitoringChart(monitoring, 'monitoring', {
    env,
    apps: apps.map((entry) => entry.identity.name),
    artifactsDirectory: options.artifactsDirectory,
  });
  if (options.outdirs.vendor === undefined) return { project, monitoring };
  const vendor = app(options.outdirs.vendor);
  addObservabilityStack(vendor, {
    env,
    chartsCacheDirectory: options.chartsCacheDirectory,
    helmExecutable: options.helmExecutable,
  });
  return { project, monitoring, vendor };
}
