import { Testing } from 'cdk8s';
import { APPS, type AppEntry } from '../../apps/registry';
import { type Environment } from '../environments';
import { buildEnvironment } from '../synth/build-apps';
import { type Manifest } from './manifest';

export { type Manifest, matches, podTemplates } from './manifest';

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
