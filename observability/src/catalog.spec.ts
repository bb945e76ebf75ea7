import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alertsOf, ruleFiles } from './alerts/catalog';
import { RUNBOOK_BASE_URL } from './alerts/rule-types';
import { dashboards, prometheusQueries } from './dashboards/catalog';
import { generatedFiles } from './generated-files';

const ROOT = resolve(__dirname, '..', '..');
const alerts = ruleFiles().flatMap(alertsOf);

describe(generatedFiles.name, () => {
  it('matches the committed files in observability/generated (run `npm run observability:build`)', () => {
    for (const [path, content] of generatedFiles()) {
      expect({ path, content: existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : null }).toEqual({
        path,
        content,
      });
    }
  });

  it('leaves no committed file the build no longer writes (a rule file or dashboard dropped from its catalog)', () => {
    const committed = ['dashboards', 'rules'].flatMap((folder) =>
      readdirSync(join(ROOT, 'observability', 'generated', folder)).map(
        (file) => `observability/generated/${folder}/${file}`,
      ),
    );
    const written = [...generatedFiles().keys()];
    expect(committed.filter((path) => !written.includes(path))).toEqual([]);
    expect(written.filter((path) => path.includes('/rules/')).length).toBeGreaterThan(0);
  });

  it('names each dashboard file after its uid', () => {
    const uids = dashboards().map((entry) => entry.dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids)
      expect([...generatedFiles().keys()]).toContain(`observability/generated/dashboards/${uid}.json`);
  });
});

describe(ruleFiles.name, () => {
  it('holds every rule file to having series in the real-Prometheus test, unless it says why not', () => {
    const exempt = ruleFiles().filter((file) => !file.seriesExistToday && file.pending === undefined);
    expect(exempt.map((file) => file.name)).toEqual([]);
  });
});

describe('alerts', () => {
  it.each(alerts.map((alert) => [alert.alert, alert]))(
    '%s has a severity, a summary and a description',
    (_name, alert) => {
      expect(['critical', 'warning', 'info']).toContain(alert.labels.severity);
      expect(alert.annotations.summary.length).toBeGreaterThan(10);
      expect(alert.annotations.description).toMatch(/\$value/);
    },
  );

  it.each(alerts.map((alert) => [alert.alert, alert.annotations.runbook_url]))(
    '%s links to its runbook, which exists and says what to check and do',
    (name, url) => {
      expect(url).toBe(`${RUNBOOK_BASE_URL}/${name}.md`);
      const runbook = join(ROOT, 'docs', 'runbooks', `${name}.md`);
      expect(existsSync(runbook)).toBe(true);
      const text = readFileSync(runbook, 'utf8');
      expect(text).toMatch(/^## Check/m);
      expect(text).toMatch(/^## Act/m);
    },
  );

  it('each has a promtool rule test (observability/rules-tests)', () => {
    const tests = readdirSync(join(ROOT, 'observability', 'rules-tests'))
      .map((file) => readFileSync(join(ROOT, 'observability', 'rules-tests', file), 'utf8'))
      .join('\n');
    for (const alert of alerts)
      expect({ alert: alert.alert, tested: tests.includes(`alertname: ${alert.alert}`) }).toEqual({
        alert: alert.alert,
        tested: true,
      });
  });
});

describe(prometheusQueries.name, () => {
  it('finds the PromQL of every Prometheus panel and none of the Loki or Tempo ones', () => {
    const overview = dashboards()[0]?.dashboard;
    const queries = overview === undefined ? [] : prometheusQueries(overview);
    expect(queries.length).toBeGreaterThan(10);
    expect(queries.every((entry) => entry.expr.includes('job="sample-app"'))).toBe(true);
    expect(queries.map((entry) => entry.panel)).not.toContain('Warnings and errors');
  });
});
