import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type App } from 'cdk8s';
import { pinnedChartsPresent } from './charts/observability-stack';
import { buildEnvironment } from './synth/build-apps';
import { resolveEnvironments } from './synth/options';
import { PATHS, REPO_ROOT } from './synth/paths';
import { summarize } from './synth/summary';

// Builds the cdk8s Apps of every environment and synthesizes them; see docs/kubernetes.md.
try {
  const environments = resolveEnvironments(process.argv.slice(2), process.env);
  const renderVendor = existsSync(PATHS.helm) && pinnedChartsPresent(PATHS.chartsCache, existsSync);
  for (const env of environments) {
    const outdirs = {
      project: join(PATHS.chartsOut, env.name),
      monitoring: join(PATHS.chartsOut, env.name, 'monitoring'),
      vendor: renderVendor ? join(PATHS.vendorOut, env.name) : undefined,
    };
    // Start from empty folders, so a removed chart leaves no stale file behind.
    rmSync(outdirs.project, { recursive: true, force: true });
    if (outdirs.vendor) rmSync(outdirs.vendor, { recursive: true, force: true });
    const apps = buildEnvironment(env, {
      outdirs,
      artifactsDirectory: PATHS.observabilityArtifacts,
      chartsCacheDirectory: PATHS.chartsCache,
      helmExecutable: PATHS.helm,
    });
    console.log(`${env.name}:`);
    const outputs: [string, App | undefined][] = [
      ['project', apps.project],
      ['monitoring', apps.monitoring],
      ['vendor', apps.vendor],
    ];
    for (const [label, app] of outputs) {
      if (!app) continue;
      app.synth();
      console.log(` ${relative(REPO_ROOT, app.outdir)}/ (${label})`);
      for (const line of summarize(app)) console.log(line);
    }
  }
  if (!renderVendor) {
    console.log(
      '\nThird-party charts (kube-prometheus-stack, Loki, Alloy, Tempo) were not rendered: the pinned charts are not in .cache/.\n' +
        'Run `npm run charts:pull` (needs network once), then `npm run synth` again to write charts-out-vendor/<env>/.',
    );
  }
} catch (error) {
  console.error(error instanceof Error && process.env.DEBUG === undefined ? error.message : error);
  process.exitCode = 1;
}
