import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PINNED_CHARTS, pinnedChartDirectory } from '../observability/pinned-charts';
import { PATHS, REPO_ROOT } from '../synth/paths';
import { ensureHelm } from './helm-binary';

// Fetches the pinned third-party charts into .cache/helm-charts/ so that `npm run synth`
// can render them offline. The only step of the Kubernetes build that uses the network.
const helm = ensureHelm(REPO_ROOT, PATHS.helm);
// Keep helm's own cache and config inside .cache/ too.
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: join(REPO_ROOT, '.cache', 'helm', 'cache'),
  HELM_CONFIG_HOME: join(REPO_ROOT, '.cache', 'helm', 'config'),
  HELM_DATA_HOME: join(REPO_ROOT, '.cache', 'helm', 'data'),
};
for (const chart of Object.values(PINNED_CHARTS)) {
  const directory = pinnedChartDirectory(PATHS.chartsCache, chart);
  if (existsSync(join(directory, 'Chart.yaml'))) {
    console.log(`${chart.name} ${chart.version}: cached`);
    continue;
  }
  const untarDir = dirname(directory);
  rmSync(untarDir, { recursive: true, force: true });
  mkdirSync(untarDir, { recursive: true });
  console.log(`${chart.name} ${chart.version}: pulling from ${chart.repository}`);
  execFileSync(
    helm,
    ['pull', chart.name, '--repo', chart.repository, '--version', chart.version, '--untar', '--untardir', untarDir],
    { stdio: 'inherit', env: helmEnv },
  );
}
console.log(`Charts are in ${PATHS.chartsCache}; \`npm run synth\` now renders them into charts-out-vendor/<env>/.`);
