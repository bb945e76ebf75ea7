import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { type Manifest } from '../test/synthesize';
import { ObservabilityArtifacts, type ObservabilityArtifactsProps } from './observability-artifacts';

const fixtures = join(__dirname, '..', 'test', 'fixtures', 'observability');
const props: ObservabilityArtifactsProps = {
  namespace: 'monitoring',
  dashboardsDirectory: join(fixtures, 'dashboards'),
  rulesDirectory: join(fixtures, 'rules'),
};

function synth(p: ObservabilityArtifactsProps) {
  const chart = new Chart(Testing.app(), 'test');
  new ObservabilityArtifacts(chart, 'artifacts', p);
  return Testing.synth(chart) as Manifest[];
}

describe(ObservabilityArtifacts.name, () => {
  describe('constructor', () => {
    it('turns every dashboard into a sidecar-labelled ConfigMap and every rule file into a PrometheusRule, sorted', () => {
      const all: Required<ObservabilityArtifactsProps> = { ...props, dashboardLabel: { grafana_dashboard: '1' } };
      const objects = synth(all);
      expect(objects.map((o): unknown[] => [o.kind, o.metadata.name])).toEqual([
        ['ConfigMap', 'dashboard-a-overview'],
        ['ConfigMap', 'dashboard-b-requests'],
        ['PrometheusRule', 'apps'],
      ]);
      expect(objects[0]?.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      expect(JSON.parse(objects[0]?.data['A Overview.json'])).toMatchObject({ uid: 'overview' });
      expect(objects[2]?.spec.groups[0].rules[0].alert).toBe('AppDown');
    });

    it('writes nothing when the folders do not exist', () => {
      expect(synth({ ...props, dashboardsDirectory: '/nonexistent', rulesDirectory: '/nonexistent' })).toEqual([]);
    });

    it('refuses a dashboard that is not JSON and a rule file without groups, naming the folder prop', () => {
      const dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
      writeFileSync(join(dir, 'broken.json'), '{');
      writeFileSync(join(dir, 'broken.rules.yaml'), 'rules: []');
      expect(() => synth({ ...props, dashboardsDirectory: dir })).toThrow(/^dashboardsDirectory: .*broken\.json/);
      expect(() => synth({ ...props, rulesDirectory: dir })).toThrow(/^rulesDirectory: .*broken\.rules\.yaml/);
    });

    it('refuses an empty dashboard label, naming it', () => {
      expect(() => synth({ ...props, dashboardLabel: {} })).toThrow(/^dashboardLabel:/);
    });
  });
});
