import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  GATEWAY_API_CRDS,
  gatewayApiCrdsFile,
  PINNED_CHARTS,
  PLATFORM_CHARTS,
  pinnedChartDirectory,
} from '../observability/pinned-charts';
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
for (const chart of [...Object.values(PLATFORM_CHARTS), ...Object.values(PINNED_CHARTS)]) {
  const directory = pinnedChartDirectory(PATHS.chartsCache, chart);
  if (existsSync(join(directory, 'Chart.yaml'))) {
    console.log(`${chart.name} ${chart.version}: cached`);
    continue;
  }
  const untarDir = dirname(directory);
  rmSync(untarDir, { recursive: true, force: true });
  mkdirSync(untarDir, { recursive: true });
  console.log(`${chart.name} ${chart.version}: pulling from ${chart.repository}`);
  // An OCI registry names the chart in its path; a classic repository takes it as an argument.
  const source = chart.repository.startsWith('oci://') ? [chart.repository] : [chart.name, '--repo', chart.repository];
  execFileSync(helm, ['pull', ...source, '--version', chart.version, '--untar', '--untardir', untarDir], {
    stdio: 'inherit',
    env: helmEnv,
  });
}
async function pullGatewayApiCrds(file: string): Promise<void> {
  if (existsSync(file)) {
    console.log(`Gateway API CRDs ${GATEWAY_API_CRDS.version}: cached`);
    return;
  }
  console.log(`Gateway API CRDs ${GATEWAY_API_CRDS.version}: downloading ${GATEWAY_API_CRDS.url}`);
  const response = await fetch(GATEWAY_API_CRDS.url);
  if (!response.ok) throw new Error(`${GATEWAY_API_CRDS.url}: HTTP ${response.status}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await response.text());
}
pullGatewayApiCrds(gatewayApiCrdsFile(PATHS.chartsCache)).then(
  () =>
    console.log(
      `Charts are in ${PATHS.chartsCache}; \`npm run synth\` now renders them into charts-out-vendor/<env>/.`,
    ),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
