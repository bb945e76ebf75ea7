import { App, YamlOutputType } from 'cdk8s';
import { LLM_APP } from '../../apps/llm-app/src/llm-app.identity';
import { SAMPLE_APP } from '../../apps/sample-app/src/sample-app.identity';
import { AlertingChart } from '../charts/alerting-chart';
import { DataStoresChart } from '../charts/data-stores-chart';
import { GatewayChart } from '../charts/gateway-chart';
import { MonitoringChart } from '../charts/monitoring-chart';
import { MonitoringNetworkChart } from '../charts/monitoring-network-chart';
import { NamespacesChart } from '../charts/namespaces-chart';
import { NestAppChart } from '../charts/nest-app-chart';
import { addObservabilityStack } from '../charts/observability-stack';
import { NEST_SERVICE_PORT } from '../constructs/nest-service';
import { type AppName, type Environment } from '../environments';

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

/** How one app reaches another: through its Service, whose port is not the container's. */
function serviceUrl(env: Environment, name: AppName): string {
  return `http://${name}.${env.namespace}.svc.cluster.local:${NEST_SERVICE_PORT}`;
}

const app = (outdir: string) =>
  new App({ outdir, outputFileExtension: '.k8s.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });

/** Every chart of one environment, in apply order (file names are numbered by dependency). */
export function buildEnvironment(env: Environment, options: BuildOptions): EnvironmentApps {
  const project = app(options.outdirs.project);
  const namespaces = new NamespacesChart(project, 'namespaces', env);
  if (env.dataStores.postgres.inCluster || env.dataStores.redis.inCluster) {
    new DataStoresChart(project, 'data-stores', env).addDependency(namespaces);
  }
  new GatewayChart(project, 'gateway', {
    env,
    apps: [
      { name: 'llm-app', port: LLM_APP.defaultPort },
      { name: 'sample-app', port: SAMPLE_APP.defaultPort },
    ],
  }).addDependency(namespaces);
  const llmApp = new NestAppChart(project, 'llm-app', {
    env,
    identity: LLM_APP,
    callers: ['sample-app'],
    // Access tokens are verified with sample-app's published keys.
    callees: [{ name: 'sample-app', port: SAMPLE_APP.defaultPort }],
    config: {
      AUTH_JWKS_URL: `${serviceUrl(env, 'sample-app')}/.well-known/jwks.json`,
    },
  });
  llmApp.addDependency(namespaces);
  const sampleApp = new NestAppChart(project, 'sample-app', {
    env,
    identity: SAMPLE_APP,
    callers: ['llm-app'],
    callees: [{ name: 'llm-app', port: LLM_APP.defaultPort }],
    // Item summaries are written through llm-app's OpenAI-compatible API.
    config: { LLM_GATEWAY_URL: serviceUrl(env, 'llm-app') },
  });
  sampleApp.addDependency(namespaces);
  if (env.monitoring.enabled) {
    new MonitoringNetworkChart(project, 'monitoring-network', {
      env,
      apps: [
        { name: 'llm-app', port: LLM_APP.defaultPort },
        { name: 'sample-app', port: SAMPLE_APP.defaultPort },
      ],
    }).addDependency(sampleApp);
    if (env.alerting.egressCidr === null) new AlertingChart(project, 'alerting', env).addDependency(namespaces);
  }

  if (!env.monitoring.enabled) return { project };
  const monitoring = app(options.outdirs.monitoring);
  new MonitoringChart(monitoring, 'monitoring', {
    env,
    apps: ['sample-app', 'llm-app'],
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
