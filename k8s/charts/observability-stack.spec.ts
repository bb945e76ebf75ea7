import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { production } from '../environments/production';
import {
  gatewayApiCrdsFile,
  PINNED_CHARTS,
  PLATFORM_CHARTS,
  pinnedChartDirectory,
} from '../observability/pinned-charts';
import { PATHS, REPO_ROOT } from '../synth/paths';
import { type Manifest } from '../test/synthesize';
import { ensureHelm } from '../tools/helm-binary';
import { addObservabilityStack, pinnedChartsPresent } from './observability-stack';

// The fixture chart stands in for each pinned chart, so the wiring (cache layout, release
// names, namespace, CRDs first) is tested offline with the real helm.
const fixture = join(__dirname, '..', 'test', 'fixtures', 'helm-chart', 'demo');

function cacheWithFixtureCharts(): string {
  const cache = mkdtempSync(join(tmpdir(), 'helm-charts-'));
  for (const chart of [...Object.values(PLATFORM_CHARTS), ...Object.values(PINNED_CHARTS)])
    cpSync(fixture, pinnedChartDirectory(cache, chart), { recursive: true });
  const crds = gatewayApiCrdsFile(cache);
  mkdirSync(dirname(crds), { recursive: true });
  writeFileSync(
    crds,
    '---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gateways.gateway.networking.k8s.io\n',
  );
  return cache;
}

describe(addObservabilityStack.name, () => {
  it('renders every pinned chart as its own chart file, after a chart holding the Gateway API and chart CRDs', () => {
    const app = new App({ outdir: '/unused' });
    addObservabilityStack(app, {
      env: production,
      chartsCacheDirectory: cacheWithFixtureCharts(),
      helmExecutable: ensureHelm(REPO_ROOT, PATHS.helm),
    });
    const charts = app.charts.map((chart) => chart.node.id);
    expect(charts).toEqual(['crds', 'ngf', 'cert-manager', 'kube-prometheus-stack', 'loki', 'alloy', 'tempo']);
    const crds = Testing.synth(app.charts[0]!) as Manifest[];
    // The Gateway API's, then one per chart rendered with its CRDs (ngf, cert-manager, kube-prometheus-stack).
    expect(crds.map((o) => o.metadata.name)).toEqual([
      'gateways.gateway.networking.k8s.io',
      'widgets.example.com',
      'widgets.example.com',
      'widgets.example.com',
    ]);
    expect(Testing.synth(app.charts[1]!).map((o: Manifest) => o.metadata.namespace)).toEqual(['nginx-gateway']);
    const loki = Testing.synth(app.charts[4]!) as Manifest[];
    expect(loki.map((o): unknown[] => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([
      ['ConfigMap', 'loki-greeting', 'monitoring'],
    ]);
  }, 30_000);
});

describe(pinnedChartsPresent.name, () => {
  it('is true only when every pinned chart is unpacked in the cache', () => {
    expect(pinnedChartsPresent(cacheWithFixtureCharts(), existsSync)).toBe(true);
    expect(pinnedChartsPresent(mkdtempSync(join(tmpdir(), 'empty-')), existsSync)).toBe(false);
  });
});
