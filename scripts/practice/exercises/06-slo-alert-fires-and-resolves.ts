import { join } from 'node:path';
import { parse } from 'yaml';
import { type Exercise } from '../exercise';
import { generatedRules, readIfExists } from '../inspect';
import { promtoolTest } from '../promtool';

export const TEST_FILE = 'observability/rules-tests/practice-slo.test.yaml';

interface AlertTest {
  readonly eval_time?: string;
  readonly alertname?: string;
  readonly exp_alerts?: unknown[] | null;
}

/** promtool durations: 90m, 1h30m, 2h. */
function minutes(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * { s: 1 / 60, m: 1, h: 60, d: 1440 }[unit as 's' | 'm' | 'h' | 'd'];
  }
  return total;
}

export const sloAlertFiresAndResolves: Exercise = {
  number: 6,
  title: 'Make an SLO alert fire and resolve',
  level: 'intermediate',
  inspects: `${TEST_FILE}, run with promtool test rules`,
  check(target) {
    const text = readIfExists(join(target.repoDir, TEST_FILE));
    if (text === undefined) return Promise.resolve([`${TEST_FILE} is missing: write a promtool rule test there`]);
    const file = parse(text) as { tests?: { alert_rule_test?: AlertTest[] }[] } | null;
    const sloAlerts = new Set(
      generatedRules(target.repoDir)
        .map((rule) => rule.alert)
        .filter((name): name is string => name !== undefined && /BudgetBurn/.test(name)),
    );
    const cases = (file?.tests ?? []).flatMap((test) => test.alert_rule_test ?? []);
    const problems: string[] = [];
    const shown = [...sloAlerts].find((alert) => {
      const ofAlert = cases.filter((c) => c.alertname === alert && c.eval_time);
      const firing = ofAlert.filter((c) => (c.exp_alerts ?? []).length > 0).map((c) => minutes(c.eval_time!));
      const quiet = ofAlert.filter((c) => (c.exp_alerts ?? []).length === 0).map((c) => minutes(c.eval_time!));
      return firing.some((fired) => quiet.some((resolved) => resolved > fired));
    });
    if (!shown) {
      problems.push(
        `${TEST_FILE} must show one SLO alert (${[...sloAlerts].join(', ')}) firing at one eval_time and resolved (exp_alerts: []) at a later one`,
      );
    }
    const failure = promtoolTest(target.promtool, target.repoDir, TEST_FILE);
    if (failure) problems.push(failure);
    return Promise.resolve(problems);
  },
};
