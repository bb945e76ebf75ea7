import { Testing } from 'cdk8s';
import { APPS, type AppEntry } from '../../apps/registry';
import { type Environment } from '../environments';
import { buildEnvironment } from '../synth/build-apps';

/** A synthesized Kubernetes object, loosely typed for assertions. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Assertions walk arbitrary manifest shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** Every project chart of an environment (project and monitoring output), by chart id, in memory. */
export function synthesizeEnvironment(
  env: Environment,
  artifactsDirectory = '/nonexistent',
  registry: readonly AppEntry[] = APPS,
): Map<string, Manifest[]> {
  const apps = buildEnvironment(
    env,
    {
      outdirs: { project: '/unused', monitoring: '/unused' },
      artifactsDirectory,
      chartsCacheDirectory: '/unused',
      helmExecutable: '/unused',
    },
    registry,
  );
  const charts = new Map<string, Manifest[]>();
  for (const app of [apps.project, apps.monitoring]) {
    for (const chart of app?.charts ?? []) charts.set(chart.node.id, Testing.synth(chart) as Manifest[]);
  }
  return charts;
}

/** Whether `labels` contains every pair of `selector` (an empty selector matches everything). */
export function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Pod templates of workloads, with the workload they belong to. */
export function podTemplates(objects: readonly Manifest[]) {
  return objects
    .filter((object) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind))
    .map((workload) => {
      const { template } = workload.spec as {
        template: { metadata: { labels: Record<string, string> }; spec: Manifest };
      };
      return {
        workload,
        namespace: workload.metadata.namespace,
        labels: template.metadata.labels,
        spec: template.spec,
      };
    });
}
