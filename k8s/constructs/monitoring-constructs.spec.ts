import { Chart, Testing } from 'cdk8s';
import { type Manifest } from '../test/synthesize';
import { parse } from 'yaml';
import { GrafanaDatasources, type GrafanaDatasourcesProps } from './grafana-datasources';
import { AppServiceMonitor, type AppServiceMonitorProps } from './service-monitor';

function synth(build: (chart: Chart) => void) {
  const chart = new Chart(Testing.app(), 'test');
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

const monitorProps: AppServiceMonitorProps = {
  appName: 'api',
  appNamespace: 'apps',
  namespace: 'monitoring',
  serviceLabels: { 'app.kubernetes.io/name': 'api' },
};

describe(AppServiceMonitor.name, () => {
  describe('constructor', () => {
    it('applies every prop', () => {
      const all: Required<AppServiceMonitorProps> = { ...monitorProps, portName: 'web', interval: '15s' };
      const [monitor] = synth((chart) => new AppServiceMonitor(chart, 'm', all));
      expect(monitor?.metadata.namespace).toBe('monitoring');
      expect(monitor?.spec).toEqual({
        namespaceSelector: { matchNames: ['apps'] },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
        endpoints: [{ port: 'web', path: '/metrics', interval: '15s', scheme: 'http' }],
      });
    });

    it.each<[string, Partial<AppServiceMonitorProps>]>([
      ['interval', { interval: 'often' }],
      ['serviceLabels', { serviceLabels: {} }],
    ])('refuses a bad %s, naming it', (prop, bad) => {
      expect(() => synth((chart) => new AppServiceMonitor(chart, 'm', { ...monitorProps, ...bad }))).toThrow(
        new RegExp(`^${prop}:`),
      );
    });
  });
});

const datasourceProps: GrafanaDatasourcesProps = {
  namespace: 'monitoring',
  prometheusUrl: 'http://prometheus:9090',
  lokiUrl: 'http://loki:3100',
  tempoUrl: 'http://tempo:3200',
};

describe(GrafanaDatasources.name, () => {
  describe('constructor', () => {
    it('links logs to traces and traces back to logs', () => {
      const all: Required<GrafanaDatasourcesProps> = {
        ...datasourceProps,
        sidecarLabel: { datasource: 'yes' },
        traceIdPattern: 'trace=(\\w+)',
      };
      const [configMap] = synth((chart) => new GrafanaDatasources(chart, 'd', all));
      expect(configMap?.metadata.labels).toMatchObject({ datasource: 'yes' });
      const { datasources } = parse(configMap?.data['datasources.yaml']) as { datasources: Manifest[] };
      expect(datasources.map((d): unknown[] => [d.uid, d.url])).toEqual([
        ['prometheus', 'http://prometheus:9090'],
        ['loki', 'http://loki:3100'],
        ['tempo', 'http://tempo:3200'],
      ]);
      expect(datasources[1]?.jsonData.derivedFields[0]).toMatchObject({
        matcherRegex: 'trace=(\\w+)',
        datasourceUid: 'tempo',
      });
      expect(datasources[2]?.jsonData.tracesToLogsV2.datasourceUid).toBe('loki');
    });

    it.each<[string, Partial<GrafanaDatasourcesProps>]>([
      ['lokiUrl', { lokiUrl: 'loki:3100' }],
      ['traceIdPattern', { traceIdPattern: 'no group' }],
    ])('refuses a bad %s, naming it', (prop, bad) => {
      expect(() => synth((chart) => new GrafanaDatasources(chart, 'd', { ...datasourceProps, ...bad }))).toThrow(
        new RegExp(`^${prop}:`),
      );
    });
  });
});
